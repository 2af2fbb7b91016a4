namespace Tributary.Web.Tests.Rooms;

/// <summary>The page's watchdog: losing the network shows it, coming back re-JOINs without reloading the page.</summary>
[Collection(WebAppCollection.Name)]
public sealed class OfflineTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_page_that_loses_the_network_waits_and_returns_to_joined_without_a_reload()
    {
        var host = await fixture.OpenAsync("host");
        var fan = await fixture.OpenAsync("fan");
        await host.SignUpAsync();
        await fan.SignUpAsync();
        var roomId = await host.CreateRoomAsync("A2M", "Flaky network");
        await host.WaitForStateAsync("joined");
        await fan.GotoAsync($"/rooms/{roomId}");
        await fan.WaitForStateAsync("joined");
        await fan.Page.EvaluateAsync("() => { window.notReloaded = true; }");

        await fan.Page.Context.SetOfflineAsync(true);
        await fan.WaitForStateAsync("waitingNetwork");
        await fan.WaitForTextAsync("Offline: waiting for the network");
        await fan.Page.Context.SetOfflineAsync(false);
        await fan.WaitForStateAsync("joined");

        Assert.True(await fan.Page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Equal("viewer", await fan.Page.Locator("[data-testid=role]").GetAttributeAsync("data-role"));
        await host.Page.Context.CloseAsync();
        await fan.Page.Context.CloseAsync();
    }
}
