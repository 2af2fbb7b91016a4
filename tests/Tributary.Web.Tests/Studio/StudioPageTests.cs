using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Testing.Servers;

namespace Tributary.Web.Tests.Studio;

/// <summary>
/// The studio web app at /studio, driven like a producer would: two people on camera in a video room, the owner opens
/// the studio, drags both onto the stage, picks a layout, writes the banner, adds an RTMP destination (a real
/// nginx-rtmp in the test's namespace), goes live, sees the destination live, and ends.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class StudioPageTests(WebAppFixture fixture)
{
    // A drop on the stage's margin appends (a drop on a slot would insert before that slot).
    private static readonly LocatorDragToOptions OnTheStageItself = new() { TargetPosition = new() { X = 4, Y = 4 } };

    [Fact]
    public async Task The_owner_drags_two_publishers_on_stage_adds_an_rtmp_destination_and_goes_live_from_the_studio_page()
    {
        await using var nginx = await NginxRtmpServer.StartAsync(fixture.Server.Namespace);
        var host = await fixture.OpenAsync("host");
        var guest = await fixture.OpenAsync("guest");
        await host.SignUpAsync();
        await guest.SignUpAsync();
        var roomId = await host.CreateRoomAsync("M2M", "Studio show");
        await host.WaitForStateAsync("joined");
        await guest.GotoAsync($"/rooms/{roomId}");
        await guest.WaitForStateAsync("joined");
        await guest.Page.GetByRole(AriaRole.Button, new() { Name = "Raise hand" }).ClickAsync();
        var request = host.Page.Locator($"ul.requests li[data-user='{guest.UserId}']");
        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        Assert.Equal("/studio?room=" + roomId, await host.Page.GetByRole(AriaRole.Link, new() { Name = "Open the studio" }).GetAttributeAsync("href"));

        // The studio in another tab of the owner's browser (same sign-in): the room is listed, opening it creates the studio.
        var studio = await host.Page.Context.NewPageAsync();
        studio.SetDefaultTimeout(90_000);
        studio.Console += (_, m) => fixture.Server.Note($"page studio: {m.Text}");
        await studio.GotoAsync(fixture.Server.Origin + "/studio");
        await studio.GetByRole(AriaRole.Button, new() { Name = "Open the studio for Studio show" }).ClickAsync();
        await studio.WaitForURLAsync(url => url.Contains("/studio/", StringComparison.Ordinal));
        var studioId = studio.Url.Split("/studio/")[1];

        // Both publishers appear as participants once their uplinks are live; drag them onto the stage, guest first.
        var hostSource = studio.Locator("ul.sources li.source", new() { HasText = "You" });
        var guestSource = studio.Locator("ul.sources li.source", new() { HasText = guest.Fullname });
        await studio.Locator("ul.sources li.source:has-text('camera on')").Nth(1).WaitForAsync();
        var stageZone = studio.Locator("[data-testid=stage-zone]");
        await guestSource.DragToAsync(stageZone, OnTheStageItself);
        await studio.Locator("ol.slots li.slot").First.WaitForAsync();
        await hostSource.DragToAsync(stageZone, OnTheStageItself);
        await Eventually.WaitAsync(() => studio.Locator("ol.slots li.slot").CountAsync(), n => n == 2, "slots on the stage", () => fixture.Server.Output);
        await studio.GetByLabel("Layout").SelectOptionAsync("SIDE_BY_SIDE");
        await studio.GetByLabel("Banner").FillAsync("Live from Tributary");
        await studio.GetByRole(AriaRole.Button, new() { Name = "Update banner" }).ClickAsync();
        await studio.Locator("#toast", new() { HasText = "Banner updated" }).WaitForAsync();

        // A bad destination is refused in words and adds nothing; then the nginx destination.
        await studio.GetByLabel("Platform").SelectOptionAsync("CUSTOM");
        await studio.GetByLabel("Server URL").FillAsync("http://example.com/live");
        await studio.GetByLabel("Stream key").FillAsync("show");
        await studio.GetByRole(AriaRole.Button, new() { Name = "Add destination" }).ClickAsync();
        var alert = studio.Locator("main > p.error[role=alert]:not([hidden])");
        await alert.WaitForAsync();
        Assert.Contains("rtmp", await alert.TextContentAsync() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await studio.Locator("li.destination").CountAsync());
        await studio.GetByLabel("Server URL").FillAsync(nginx.IngestUrl);
        await studio.GetByLabel("Stream key").FillAsync("show");
        await studio.GetByRole(AriaRole.Button, new() { Name = "Add destination" }).ClickAsync();
        await studio.Locator("li.destination").WaitForAsync();
        Assert.Equal(string.Empty, await studio.GetByLabel("Stream key").InputValueAsync());

        // The server holds what the page shows: guest then host on stage, side by side, the banner, the destination.
        var token = await host.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('tributary.session')).accessToken");
        var saved = await QueryStudioAsync(token, studioId);
        var slots = await studio.Locator("ol.slots li.slot").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.source)");
        Assert.Equal(slots, saved.GetProperty("stage").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal("SIDE_BY_SIDE", saved.GetProperty("layout").GetString());
        Assert.Equal("Live from Tributary", saved.GetProperty("title").GetString());
        Assert.Equal(nginx.IngestUrl, Assert.Single(saved.GetProperty("destinations").EnumerateArray()).GetProperty("url").GetString());
        Assert.Contains(guest.Fullname, await studio.Locator("ol.slots li.slot").First.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        // Go live: the badge turns on air, the destination goes LIVE on the page, and nginx has the program's publisher.
        await studio.GetByRole(AriaRole.Button, new() { Name = "Go live" }).ClickAsync();
        await studio.Locator("[data-testid=studio-live][data-live=true]").WaitForAsync();
        await studio.Locator("li.destination[data-state=LIVE]").WaitForAsync(new() { Timeout = 120_000 });
        Assert.Contains("show", (await nginx.PublishersAsync()).Keys);
        await studio.ScreenshotAsync(new() { Path = Path.Combine(fixture.Screenshots, "studio.png"), FullPage = true });

        // End live: off air on the page and on the server.
        await studio.GetByRole(AriaRole.Button, new() { Name = "End live" }).ClickAsync();
        await studio.Locator("[data-testid=studio-live][data-live=false]").WaitForAsync();
        Assert.False((await QueryStudioAsync(token, studioId)).GetProperty("live").GetBoolean());
        await host.Page.Context.CloseAsync();
        await guest.Page.Context.CloseAsync();
    }

    private async Task<JsonElement> QueryStudioAsync(string token, string studioId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "query($id: ID!) { studio(id: $id) { stage layout title live destinations { url } } }", variables = new { id = studioId } }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await fixture.Server.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.TryGetProperty("errors", out var errors), errors.ToString());
        return json.RootElement.GetProperty("data").GetProperty("studio").Clone();
    }
}
