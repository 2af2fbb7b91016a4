using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Studio.Tests.Support;
using Tributary.Testing.Media;
using Tributary.Testing.Servers;
using Xunit.Abstractions;

namespace Tributary.Studio.Tests.Pipeline;

// Two Chromium publishers (two sessions of the room's owner; the second raises a hand and the first accepts) with solid-colour fake cameras (red, blue) in an m2m room; the studio takes their media
// out of Janus with rtp_forward, composes SIDE_BY_SIDE and pushes to two nginx-rtmp servers. Everything (server,
// Janus, Chromium, nginx, the players) runs in a private network namespace (MEDIA-TESTING.md).
public sealed class PublisherStudioBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Fields = "id live destinations { state attempts }";
    private NetworkNamespace? _ns;
    private NamespacedServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _red;
    private IBrowser? _blue;

    public async Task InitializeAsync()
    {
        _ns = NetworkNamespace.Create();
        _server = await NamespacedServer.StartAsync(_ns, "all",
        [
            .. NamespacedServer.JanusArgs, "--Media:Janus:KeyframeIntervalSeconds=60", "--Studio:AllowPrivateAddresses=true",
        ]);
        _playwright = await Playwright.CreateAsync();
        _red = await NamespacedChromium.LaunchAsync(_playwright, _ns, _server.DataDir, ["--use-file-for-fake-video-capture=" + NamespacedStudio.FakeCamera(_server, "red")]);
        _blue = await NamespacedChromium.LaunchAsync(_playwright, _ns, _server.DataDir, ["--use-file-for-fake-video-capture=" + NamespacedStudio.FakeCamera(_server, "blue")]);
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in new[] { _red, _blue })
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _ns?.Dispose();
    }

    [Fact]
    public async Task Two_publishers_are_composed_side_by_side_into_both_destinations_and_swapping_the_stage_keeps_the_connections()
    {
        var server = _server!;
        var ns = _ns!;
        await using var alpha = await NginxRtmpServer.StartAsync(ns);
        await using var beta = await NginxRtmpServer.StartAsync(ns);
        var ownerId = await server.CreateUserAsync("host");
        var ownerToken = server.IssueToken(ownerId);
        var rid = (await GraphQLAsync(ownerToken, "mutation { createRoom(type: M2M, title: \"show\") { id } }", "createRoom")).GetProperty("id").GetString()!;
        var studioId = (await GraphQLAsync(ownerToken, "mutation ($r: ID!) { createStudio(roomId: $r) { id } }", "createStudio", new { r = rid })).GetProperty("id").GetString()!;
        foreach (var (nginx, key) in new[] { (alpha, "alpha-key"), (beta, "beta-key") })
        {
            await GraphQLAsync(ownerToken, "mutation ($s: ID!, $u: String!, $k: String) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: $k) { id } }", "addDestination", new { s = studioId, u = nginx.IngestUrl, k = key });
        }

        var redSession = Guid.NewGuid().ToString();
        var blueSession = Guid.NewGuid().ToString();
        const string SetScene = "mutation ($s: ID!, $st: [String!]!) { setScene(studioId: $s, layout: SIDE_BY_SIDE, stage: $st) { id } }";
        await GraphQLAsync(ownerToken, SetScene, "setScene", new { s = studioId, st = new[] { redSession, blueSession } });
        await GraphQLAsync(ownerToken, $"mutation ($id: ID!) {{ goLive(id: $id) {{ {Fields} }} }}", "goLive", new { id = studioId });

        var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Pipeline", "publisher.html"));
        var redPage = await NamespacedChromium.OpenPageAsync(_red!, server, html, "red");
        var bluePage = await NamespacedChromium.OpenPageAsync(_blue!, server, html, "blue");
        var redPublished = await redPage.EvaluateAsync<JsonElement>("a => T.publish(a)", new { server = server.Origin, token = ownerToken, userId = ownerId, sessionId = redSession, rid, creating = true });
        Assert.True(redPublished.GetProperty("c").GetInt32() == 200, $"{redPublished}\n{server.Output}");
        var blueJoined = await bluePage.EvaluateAsync<JsonElement>("a => T.join(a)", new { server = server.Origin, token = ownerToken, userId = ownerId, sessionId = blueSession, rid, creating = false });
        Assert.True(blueJoined.GetProperty("c").GetInt32() == 200, $"{blueJoined}\n{server.Output}");
        Assert.Equal(200, await bluePage.EvaluateAsync<int>("() => T.request()"));
        Assert.Equal(200, await redPage.EvaluateAsync<int>("to => T.accept(to)", new { userId = ownerId, sessionId = blueSession }));
        var bluePublished = await bluePage.EvaluateAsync<JsonElement>("() => T.offer()");
        Assert.True(bluePublished.GetProperty("c").GetInt32() == 200, $"{bluePublished}\n{server.Output}");

        var alphaUrl = alpha.IngestUrl + "/alpha-key";
        var betaUrl = beta.IngestUrl + "/beta-key";
        try
        {
            await Eventually.ReachAsync(() => GraphQLAsync(ownerToken, $"query ($id: ID!) {{ studio(id: $id) {{ {Fields} }} }}", "studio", new { id = studioId }),
                s => string.Join(',', s.GetProperty("destinations").EnumerateArray().Select(d => d.GetProperty("state").GetString())) == "LIVE,LIVE", "both destinations LIVE", TimeSpan.FromMinutes(3));
            await Eventually.ReachAsync(() => GrabAsync(alphaUrl), f => IsRed(f.At(0.25, 0.5)) && IsBlue(f.At(0.75, 0.5)), "red left and blue right", TimeSpan.FromMinutes(3));
            foreach (var url in new[] { alphaUrl, betaUrl })
            {
                var probe = await NamespacedStudio.ProbeAsync(server, url);
                Assert.Contains("\"h264\"", probe, StringComparison.Ordinal);
                Assert.Contains("\"width\": 1280", probe, StringComparison.Ordinal);
                Assert.Contains("\"height\": 720", probe, StringComparison.Ordinal);
                Assert.Contains("\"aac\"", probe, StringComparison.Ordinal);
            }

            // The program as LL-HLS for the room's p2m audience (the studio went live before anyone joined the room):
            // parts and segments, and it advances.
            var hlsUrl = (await GraphQLAsync(ownerToken, "query ($id: ID!) { studio(id: $id) { hlsUrl } }", "studio", new { id = studioId })).GetProperty("hlsUrl").GetString()!;
            Assert.Equal($"/live/{studioId}/{rid}/playlist.m3u8", hlsUrl);
            var media = ProgramPlaylist.MediaPath(hlsUrl);
            var first = await ProgramPlaylist.WaitAsync(server.Http, media, ProgramPlaylist.HasSegmentsAndParts, "the program playlist with parts and segments");
            var firstSegment = ProgramPlaylist.LastSegment(first);
            await ProgramPlaylist.WaitAsync(server.Http, media, p => ProgramPlaylist.HasSegmentsAndParts(p) && ProgramPlaylist.LastSegment(p) >= firstSegment + 3, "the program playlist to advance");

            var connections = (await alpha.PublishersAsync()).GetValueOrDefault("alpha-key") + "," + (await beta.PublishersAsync()).GetValueOrDefault("beta-key");

            // Swap the stage: blue left, red right, on the same RTMP connections. The munit asks for keyframes only every
            // 60 s here: the swap shows this soon only because the studio asks both publishers for one (a PLI through
            // each tap) when it restarts the compositor. The time includes the grab itself (an RTMP play, a keyframe of
            // the program, five frames).
            var swap = System.Diagnostics.Stopwatch.StartNew();
            await GraphQLAsync(ownerToken, SetScene, "setScene", new { s = studioId, st = new[] { blueSession, redSession } });
            await Eventually.ReachAsync(() => GrabAsync(betaUrl), f => IsBlue(f.At(0.25, 0.5)) && IsRed(f.At(0.75, 0.5)), "blue left and red right", TimeSpan.FromSeconds(20));
            output.WriteLine($"measured: the swapped stage grabbed {swap.Elapsed.TotalSeconds:F1} s after setScene");
            Assert.Equal(connections, (await alpha.PublishersAsync()).GetValueOrDefault("alpha-key") + "," + (await beta.PublishersAsync()).GetValueOrDefault("beta-key"));

            // Blue leaves: its slot shows the layout's empty slot, not a frozen blue frame.
            Assert.Equal(200, await bluePage.EvaluateAsync<int>("() => T.leave()"));
            await Eventually.ReachAsync(() => GrabAsync(alphaUrl), f => IsEmptySlot(f.At(0.25, 0.5)) && IsRed(f.At(0.75, 0.5)), "the empty slot where blue was", TimeSpan.FromMinutes(3));

            await GraphQLAsync(ownerToken, "mutation ($id: ID!) { endLive(id: $id) { id } }", "endLive", new { id = studioId });
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{server.Output}");
        }
    }

    private Task<JsonElement> GraphQLAsync(string token, string query, string field, object? variables = null) =>
        NamespacedStudio.GraphQLAsync(_server!, token, query, field, variables);

    private Task<Ffmpeg.Frame> GrabAsync(string url) => NamespacedStudio.GrabAsync(_server!, url);

    private static bool IsRed((int R, int G, int B) p) => NamespacedStudio.IsRed(p);

    private static bool IsBlue((int R, int G, int B) p) => NamespacedStudio.IsBlue(p);

    private static bool IsEmptySlot((int R, int G, int B) p) => NamespacedStudio.IsEmptySlot(p);
}
