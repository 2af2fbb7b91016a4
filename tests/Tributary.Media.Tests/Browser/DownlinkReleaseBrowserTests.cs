namespace Tributary.Media.Tests.Browser;

/// <summary>
/// LEAVE and KICK free the departing viewer's downlink in Janus, checked through Janus's admin API (VideoRoom
/// subscriber handles fed by the publisher), not through our own bookkeeping; the publisher's station and the
/// other viewer's downlink stay.
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class DownlinkReleaseBrowserTests(MediaBrowserFixture fixture)
{
    [Fact]
    public async Task Leave_and_kick_of_viewers_detach_their_subscriber_handles_in_Janus_and_keep_the_station()
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        await using var b = await fixture.OpenAsync("bob");
        await using var c = await fixture.OpenAsync("carol");
        var context = BrowserContext.Of(fixture.Server, a, b, c);

        Assert.Equal(200, (await a.JoinAsync(rid, "m2m", create: true)).C);
        var published = await a.PublishAsync(codec: "VP8");
        Assert.True(published.C == 200, $"OFFER answered {published.C} {published.Msg}\n{await context()}");
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);
        foreach (var viewer in new[] { b, c })
        {
            var joined = await viewer.JoinAsync(rid, "m2m", create: false);
            Assert.True(joined is { C: 200, Answers: [200] }, $"JOIN answered {joined.C} {joined.Msg}\n{await context()}");
            await M2mBrowserTests.DecodesAsync(viewer, a, "VP8", context);
        }

        await Eventually.WaitAsync(() => HeldAsync(a), h => h == (1, 2), "Janus holding A's station and two downlinks of A", context);

        Assert.Equal(200, await b.LeaveAsync());
        await Eventually.WaitAsync(() => HeldAsync(a), h => h == (1, 1), "B's downlink detached in Janus after LEAVE", context);
        await M2mBrowserTests.DecodesAsync(c, a, "VP8", context);

        Assert.Equal(200, await a.KickAsync(c));
        await Eventually.WaitAsync(() => HeldAsync(a), h => h == (1, 0), "C's downlink detached in Janus after KICK", context);
    }

    /// <summary>What Janus holds for <paramref name="publisher"/>: its stations (publisher handles) and downlinks (subscriber handles fed by it).</summary>
    private async Task<(int Stations, int Downlinks)> HeldAsync(RoomPage publisher)
    {
        var handles = await fixture.Janus.HandlesAsync();
        return (handles.Count(h => h.Type == "publisher" && h.Feed == publisher.SessionId), handles.Count(h => h.Type == "subscriber" && h.Feed == publisher.SessionId));
    }
}
