namespace Tributary.Media.Tests.Browser;

/// <summary>
/// m2m through Janus with real browsers: page A publishes through /signal (JOIN, OFFER with the answer in its ack);
/// pages that JOIN later get A's downlink offer in the JOIN ack's <c>es.sdps</c>, answer it and decode A's video
/// and receive its audio; a fourth page WATCHes explicitly.
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class M2mBrowserTests(MediaBrowserFixture fixture)
{
    [Fact]
    public Task Viewers_joining_later_decode_a_VP8_publisher_from_the_JOIN_offers_and_a_fourth_viewer_through_WATCH() => PublishAndWatchAsync("VP8");

    [Fact]
    public Task Viewers_joining_later_decode_an_H264_publisher_from_the_JOIN_offers_and_a_fourth_viewer_through_WATCH() => PublishAndWatchAsync("H264");

    private async Task PublishAndWatchAsync(string codec)
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        await using var b = await fixture.OpenAsync("bob");
        await using var c = await fixture.OpenAsync("carol");
        await using var d = await fixture.OpenAsync("dave");
        var context = BrowserContext.Of(fixture.Server, a, b, c, d);

        var created = await a.JoinAsync(rid, "m2m", create: true);
        Assert.Equal((200, "admin"), (created.C, created.Pt));
        var published = await a.PublishAsync(codec: codec);
        Assert.True(published.C == 200, $"OFFER answered {published.C} {published.Msg}\n{await context()}");
        Assert.Contains($" {codec}/90000", published.Answer!, StringComparison.Ordinal);
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);

        foreach (var viewer in new[] { b, c })
        {
            var joined = await viewer.JoinAsync(rid, "m2m", create: false);
            Assert.True(joined.C == 200, $"JOIN answered {joined.C} {joined.Msg}\n{await context()}");
            Assert.Equal("viewer", joined.Pt);
            Assert.Equal([a.SessionId], joined.Sdps ?? []);
            Assert.Equal([200], joined.Answers ?? []);
        }

        await DecodesAsync(b, a, codec, context);
        await DecodesAsync(c, a, codec, context);

        // D ignores the JOIN offer and WATCHes: the server replaces the downlink the JOIN made with a new one.
        var dJoined = await d.JoinAsync(rid, "m2m", create: false, ignoreOffers: true);
        Assert.Equal(200, dJoined.C);
        var watched = await d.WatchAsync(a);
        Assert.True(watched is { C: 200, Answered: 200 }, $"WATCH answered {watched}\n{await context()}");
        await DecodesAsync(d, a, codec, context);
    }

    /// <summary>Frames decoded (with the publisher's codec) and audio packets received, both still rising.</summary>
    internal static async Task DecodesAsync(RoomPage viewer, RoomPage publisher, string codec, Func<Task<string>> context)
    {
        var first = await Eventually.WaitAsync(
            () => viewer.StatsAsync(publisher),
            s => s.FramesDecoded > 0 && s.AudioPackets > 0,
            $"{viewer.Name} decoding {publisher.Name}",
            context);
        Assert.Equal("video/" + codec, first.VideoCodec, ignoreCase: true);
        await Eventually.WaitAsync(
            () => viewer.StatsAsync(publisher),
            s => s.FramesDecoded > first.FramesDecoded && s.AudioPackets > first.AudioPackets,
            $"{viewer.Name} still decoding {publisher.Name} (first {first})",
            context);
    }
}
