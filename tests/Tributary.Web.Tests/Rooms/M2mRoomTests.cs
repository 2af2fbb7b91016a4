using Microsoft.Playwright;

namespace Tributary.Web.Tests.Rooms;

/// <summary>A video room with three people: raised hands, the host accepting, everyone seeing everyone.</summary>
[Collection(WebAppCollection.Name)]
public sealed class M2mRoomTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Raised_hands_accepted_by_the_host_put_new_tiles_on_everyones_stage_until_all_three_see_the_other_two()
    {
        var host = await fixture.OpenAsync("host");
        var ben = await fixture.OpenAsync("ben");
        var cleo = await fixture.OpenAsync("cleo");
        foreach (var p in new[] { host, ben, cleo })
        {
            await p.SignUpAsync();
        }

        var roomId = await host.CreateRoomAsync("M2M", "Stage");
        await host.WaitForStateAsync("joined");
        Assert.Equal("admin", await host.Page.Locator("[data-testid=role]").GetAttributeAsync("data-role"));
        foreach (var p in new[] { ben, cleo })
        {
            await p.GotoAsync($"/rooms/{roomId}");
            await p.WaitForStateAsync("joined");
            Assert.Equal("viewer", await p.Page.Locator("[data-testid=role]").GetAttributeAsync("data-role"));
        }

        // The viewers watch the host.
        await WaitForTiles(ben, [host]);
        await WaitForTiles(cleo, [host]);

        // Ben raises his hand; the host accepts; Ben's tile appears for the host and for Cleo.
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Raise hand" }).ClickAsync();
        var request = host.Page.Locator($"ul.requests li[data-user='{ben.UserId}']");
        await request.WaitForAsync();
        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await WaitForTiles(host, [ben]);
        await WaitForTiles(cleo, [host, ben]);
        Assert.Equal("publisher", await ben.Page.Locator("[data-testid=role]").GetAttributeAsync("data-role"));

        // Cleo too: then each of the three sees the other two.
        await cleo.Page.GetByRole(AriaRole.Button, new() { Name = "Raise hand" }).ClickAsync();
        request = host.Page.Locator($"ul.requests li[data-user='{cleo.UserId}']");
        await request.WaitForAsync();
        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await WaitForTiles(host, [ben, cleo]);
        await WaitForTiles(ben, [host, cleo]);
        await WaitForTiles(cleo, [host, ben]);
        await host.ScreenshotAsync(Path.Combine(fixture.Screenshots, "stage-desktop.png"));

        // The layer choice is offered per tile and accepted by the server (no error shown).
        await host.Page.GetByLabel($"Picture quality of {ben.Fullname}").SelectOptionAsync("l");
        await host.Page.GetByLabel($"Picture quality of {cleo.Fullname}").SelectOptionAsync("h");
        Assert.False(await host.Page.Locator("main > [role=alert]:not([hidden])").IsVisibleAsync());

        // Mute is a toggle that says its state.
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Mute microphone" }).ClickAsync();
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Unmute microphone" }).WaitForAsync();
        Assert.Equal("true", await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Unmute microphone" }).GetAttributeAsync("aria-pressed"));

        // The host removes Cleo: her page says so, and her tile leaves the others' stages.
        await host.Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {cleo.Fullname} from the room" }).ClickAsync();
        await cleo.WaitForTextAsync("You were removed from the room.");
        await Eventually.WaitAsync(() => ben.Page.Locator($"figure.remote[data-user='{cleo.UserId}']").CountAsync(), n => n == 0, "Cleo's tile on Ben's stage", () => fixture.Server.Output);
        foreach (var p in new[] { host, ben, cleo })
        {
            await p.Page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_rejected_hand_says_so_and_leaves_the_viewer_watching()
    {
        var host = await fixture.OpenAsync("host");
        var dora = await fixture.OpenAsync("dora");
        await host.SignUpAsync();
        await dora.SignUpAsync();
        var roomId = await host.CreateRoomAsync("A2M", "Quiet room");
        await host.WaitForStateAsync("joined");
        await dora.GotoAsync($"/rooms/{roomId}");
        await dora.WaitForStateAsync("joined");

        await dora.Page.GetByRole(AriaRole.Button, new() { Name = "Raise hand" }).ClickAsync();
        var request = host.Page.Locator($"ul.requests li[data-user='{dora.UserId}']");
        await request.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await dora.WaitForTextAsync("The host declined your raised hand.");
        Assert.Equal("viewer", await dora.Page.Locator("[data-testid=role]").GetAttributeAsync("data-role"));
        Assert.Equal(0, await request.CountAsync());
        await host.Page.Context.CloseAsync();
        await dora.Page.Context.CloseAsync();
    }

    private async Task WaitForTiles(AppPage page, AppPage[] publishers)
    {
        var expected = publishers.Select(p => p.UserId).Order().ToArray();
        await Eventually.WaitAsync(
            async () => string.Join(",", (await page.LiveTileUsersAsync()).Order()),
            seen => seen == string.Join(",", expected),
            $"{page.Name}'s live tiles (expected {string.Join(",", publishers.Select(p => p.Name))})",
            () => fixture.Server.Output);
    }
}
