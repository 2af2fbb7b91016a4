using System.Text.RegularExpressions;

namespace Tributary.Media.Tests.Browser;

/// <summary>The apps' recovery after losing the signaling socket: re-JOIN, then OFFER with <c>op.restarting</c>.</summary>
[Collection(MediaBrowserCollection.Name)]
public sealed partial class RestartBrowserTests(MediaBrowserFixture fixture)
{
    [Fact]
    public async Task Publisher_that_rejoins_and_offers_with_restarting_keeps_its_viewer_decoding_without_a_new_WATCH()
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        await using var b = await fixture.OpenAsync("bob");
        var context = BrowserContext.Of(fixture.Server, a, b);

        Assert.Equal(200, (await a.JoinAsync(rid, "m2m", create: true)).C);
        var first = await a.PublishAsync(codec: "VP8");
        Assert.Equal(200, first.C);
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);
        Assert.Equal(200, (await b.JoinAsync(rid, "m2m", create: false)).C);
        await M2mBrowserTests.DecodesAsync(b, a, "VP8", context);

        await a.DropSocketAsync();
        var restarted = await a.RejoinAndRestartAsync();
        Assert.True(restarted.C == 200, $"restart OFFER answered {restarted.C} {restarted.Msg}\n{await context()}");

        // Janus restarted ICE: its answer carries new ICE credentials, and the same station was renegotiated.
        Assert.NotEqual(IceUfrag(first.Answer!), IceUfrag(restarted.Answer!));
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink after the restart", context);
        await M2mBrowserTests.DecodesAsync(b, a, "VP8", context);
        Assert.DoesNotContain("WATCH", await b.LogAsync(), StringComparison.Ordinal);
        Assert.Contains($"station of {a.SessionId} renegotiated (restarting: True)", fixture.Server.Output, StringComparison.Ordinal);
    }

    private static string IceUfrag(string sdp) => UfragPattern().Match(sdp).Groups[1].Value;

    [GeneratedRegex(@"a=ice-ufrag:(\S+)")]
    private static partial Regex UfragPattern();
}
