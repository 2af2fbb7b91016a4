using Microsoft.Playwright;

namespace Tributary.Web.Tests.Rooms;

/// <summary>A p2m broadcast from the browser (WebRTC with hlsForwarding) watched by a follower with hls.js.</summary>
[Collection(WebAppCollection.Name)]
public sealed class BroadcastTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Going_live_from_the_browser_shows_in_a_followers_feed_and_plays_with_hls_js()
    {
        var star = await fixture.OpenAsync("star");
        var fan = await fixture.OpenAsync("fan");
        await star.SignUpAsync();
        await fan.SignUpAsync();
        await fan.GotoAsync($"/u/{star.UserId}");
        await fan.Page.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();
        await fan.Page.GetByRole(AriaRole.Button, new() { Name = "Unfollow" }).WaitForAsync();

        var roomId = await star.CreateRoomAsync("P2M", "Star live");
        await star.WaitForStateAsync("joined");
        await star.WaitForTextAsync("You are live.");

        // The follower is told (FOLLOWED_USER_LIVE) and finds the broadcast in the feed.
        await fan.GotoAsync("/feed");
        var card = fan.Page.Locator($"li[data-room-id='{roomId}']");
        await card.WaitForAsync();
        Assert.Contains("Live broadcast", await card.InnerTextAsync(), StringComparison.Ordinal);
        await card.GetByRole(AriaRole.Link, new() { Name = "Star live" }).ClickAsync();
        await fan.WaitForStateAsync("joined");
        Assert.Equal("viewer", await fan.Page.Locator("[data-testid=role]").GetAttributeAsync("data-role"));

        // hls.js plays the LL-HLS playlist the server packages from the WebRTC stream: currentTime advances.
        var first = await Eventually.WaitAsync(() => fan.Page.EvaluateAsync<double>("() => window.tributary.room.currentTime()"), t => t > 0, "the follower's playback position", () => fixture.Server.Output, TimeSpan.FromSeconds(150));
        await Eventually.WaitAsync(() => fan.Page.EvaluateAsync<double>("() => window.tributary.room.currentTime()"), t => t > first + 1, "the follower's playback position advancing", () => fixture.Server.Output);
        await fan.Page.GetByLabel("Live broadcast").WaitForAsync();
        await star.Page.Context.CloseAsync();
        await fan.Page.Context.CloseAsync();
    }
}
