using Xunit.Abstractions;

namespace Tributary.Media.Tests.Browser;

/// <summary>Simulcast through Janus: the publisher sends three layers; SIMULCAST_UPDATE moves a viewer between them.</summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class SimulcastBrowserTests(MediaBrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The fake camera is 960 wide; the <c>l</c> layer is scaled down by 4 (and only ever shrinks under load).</summary>
    private const int LowLayerWidth = 240;

    [Fact]
    public async Task SIMULCAST_UPDATE_switches_the_viewers_decoded_width_down_and_up_and_auto_returns_to_the_top_layer()
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        await using var b = await fixture.OpenAsync("bob");
        var context = BrowserContext.Of(fixture.Server, a, b);

        Assert.Equal(200, (await a.JoinAsync(rid, "m2m", create: true)).C);
        var published = await a.PublishAsync(codec: "VP8", simulcast: true);
        Assert.True(published.C == 200, $"OFFER answered {published.C} {published.Msg}\n{await context()}");
        Assert.Contains("a=simulcast:", published.Answer!, StringComparison.Ordinal);
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);
        Assert.Equal(200, (await b.JoinAsync(rid, "m2m", create: false)).C);
        await M2mBrowserTests.DecodesAsync(b, a, "VP8", context);

        Assert.Equal(200, await b.SimulcastAsync(a, "l"));
        var low = await Eventually.WaitAsync(() => b.StatsAsync(a), s => s.FrameWidth is > 0 and <= LowLayerWidth, "B on the low layer", context);

        Assert.Equal(200, await b.SimulcastAsync(a, "h"));
        var high = await Eventually.WaitAsync(() => b.StatsAsync(a), s => s.FrameWidth > low.FrameWidth, "B on the high layer", context);

        Assert.Equal(200, await b.SimulcastAsync(a, "l"));
        var lowAgain = await Eventually.WaitAsync(() => b.StatsAsync(a), s => s.FrameWidth is > 0 and <= LowLayerWidth && s.FrameWidth < high.FrameWidth, "B back on the low layer", context);

        // auto: on the namespace's loss-free path Janus's estimate allows the top layer (or there is none yet: top too).
        Assert.Equal(200, await b.SimulcastAsync(a, "auto"));
        var auto = await Eventually.WaitAsync(() => b.StatsAsync(a), s => s.FrameWidth > LowLayerWidth, "B on the top layer after auto", context);
        Assert.Contains(fixture.Server.Output.Split('\n'), l => l.Contains("auto layer", StringComparison.Ordinal) && l.Contains("-> substream 2", StringComparison.Ordinal));
        output.WriteLine($"decoded widths: l {low.FrameWidth}, h {high.FrameWidth}, l {lowAgain.FrameWidth}, auto {auto.FrameWidth}");
    }

    [Fact]
    public async Task SIMULCAST_UPDATE_with_an_unknown_layer_answers_2001_and_keeps_the_downlink()
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        await using var b = await fixture.OpenAsync("bob");
        var context = BrowserContext.Of(fixture.Server, a, b);

        Assert.Equal(200, (await a.JoinAsync(rid, "m2m", create: true)).C);
        Assert.Equal(200, (await a.PublishAsync(codec: "VP8", simulcast: true)).C);
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);
        Assert.Equal(200, (await b.JoinAsync(rid, "m2m", create: false)).C);
        await M2mBrowserTests.DecodesAsync(b, a, "VP8", context);

        Assert.Equal(2001, await b.SimulcastAsync(a, "x"));
        await M2mBrowserTests.DecodesAsync(b, a, "VP8", context);
    }
}
