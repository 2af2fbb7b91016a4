using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Tests.Support;
using Tributary.Testing;
using Tributary.Testing.Servers;

namespace Tributary.Studio.Tests.Pipeline;

/// <summary>
/// The real pipeline: an ffmpeg test pattern pushes to the studio's SRT ingest, the studio composes and encodes
/// once and pushes to two nginx-rtmp servers, which ffprobe and ffmpeg read back. Everything runs on loopback.
/// </summary>
public sealed class GoLiveTests
{
    private const string SetScene = "mutation ($s: ID!, $l: StudioLayout!, $st: [String!]!, $t: String) { setScene(studioId: $s, layout: $l, stage: $st, title: $t) { id } }";
    private const string AddDestination = "mutation ($s: ID!, $u: String!, $key: String) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: $key) { id } }";

    [Fact]
    public async Task Studio_pushes_one_720p_H264_AAC_program_to_two_destinations_changes_layout_without_dropping_them_and_each_destination_fails_alone()
    {
        await using var alpha = await NginxRtmpServer.StartAsync();
        await using var beta = await NginxRtmpServer.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, Hosting.ServerRoles.Api | Hosting.ServerRoles.Edge | Hosting.ServerRoles.Studio | Hosting.ServerRoles.Control,
            ["--Studio:AllowPrivateAddresses=true", "--Studio:RetryDelay=00:00:00.500", "--Studio:MaxRetryDelay=00:00:02", "--Studio:FailedAfterAttempts=3"]);
        var owner = await StudioClient.SignInAsync(host, "owner");
        var roomId = await owner.CreateRoomAsync();
        var studioId = await owner.CreateStudioAsync(roomId);
        var alphaId = (await owner.DataAsync(AddDestination, "addDestination", new { s = studioId, u = alpha.IngestUrl, key = "alpha-key" })).GetProperty("id").GetString()!;
        var betaId = (await owner.DataAsync(AddDestination, "addDestination", new { s = studioId, u = beta.IngestUrl, key = "beta-key" })).GetProperty("id").GetString()!;
        await owner.DataAsync(SetScene, "setScene", new { s = studioId, l = "SOLO", st = new[] { "ingest" } });

        var live = await owner.DataAsync($"mutation ($id: ID!) {{ goLive(id: $id) {{ {StudioClient.StudioFields} }} }}", "goLive", new { id = studioId });
        var ingestUrl = live.GetProperty("ingestUrl").GetString()!;
        Assert.StartsWith("srt://127.0.0.1:", ingestUrl, StringComparison.Ordinal);
        using var pattern = Ffmpeg.StartPattern("red", ingestUrl);
        try
        {
            var alphaUrl = alpha.IngestUrl + "/alpha-key";
            var betaUrl = beta.IngestUrl + "/beta-key";
            await Eventually.ReachAsync(() => owner.StudioAsync(studioId), s => States(s) == "LIVE,LIVE", "both destinations LIVE");

            // Both platforms receive one 1280x720 H.264 + AAC program.
            foreach (var url in new[] { alphaUrl, betaUrl })
            {
                var streams = await Ffmpeg.ProbeAsync(url);
                Assert.Contains(("h264", 1280, 720), streams);
                Assert.Contains(streams, s => s.Codec == "aac");
            }

            // The program's LL-HLS output, although nobody is in the room (the studio, not the room's presence, keeps
            // it): parts and segments, and it goes on past the broadcasts' room check (2 s).
            var hlsPath = (await owner.DataAsync("query ($id: ID!) { studio(id: $id) { hlsUrl } }", "studio", new { id = studioId })).GetProperty("hlsUrl").GetString()!;
            Assert.Equal($"/live/{studioId}/{roomId}/playlist.m3u8", hlsPath);
            var media = ProgramPlaylist.MediaPath(hlsPath);
            var first = await ProgramPlaylist.WaitAsync(host.Http, media, ProgramPlaylist.HasSegmentsAndParts, "the program playlist with parts and segments");
            var firstSegment = ProgramPlaylist.LastSegment(first);
            await ProgramPlaylist.WaitAsync(host.Http, media, p => ProgramPlaylist.HasSegmentsAndParts(p) && ProgramPlaylist.LastSegment(p) >= firstSegment + 4, "the program playlist to advance by four segments");

            // SOLO: the ingest (red) fills the picture.
            await Eventually.ReachAsync(() => Ffmpeg.GrabAsync(alphaUrl), f => IsRed(f.At(0.5, 0.5)) && IsRed(f.At(0.1, 0.1)), "a red SOLO frame");
            var connections = await Publishers(alpha, beta);
            var runs = host.Services.GetRequiredService<StudioSessions>().CompositorRuns(studioId);

            // SIDE_BY_SIDE: red on the left, the empty slot on the right; the RTMP connections stay the same.
            await owner.DataAsync(SetScene, "setScene", new { s = studioId, l = "SIDE_BY_SIDE", st = new[] { "ingest", "someone-who-left" }, t = "Studio test" });
            await Eventually.ReachAsync(() => Ffmpeg.GrabAsync(betaUrl), f => IsRed(f.At(0.25, 0.5)) && IsEmptySlot(f.At(0.75, 0.5)) && IsBackground(f.At(0.5, 0.1)), "a SIDE_BY_SIDE frame");
            Assert.True(host.Services.GetRequiredService<StudioSessions>().CompositorRuns(studioId) > runs);
            Assert.Equal(connections, await Publishers(alpha, beta));
            var afterScene = await owner.StudioAsync(studioId);
            Assert.Equal("LIVE,LIVE", States(afterScene));
            Assert.Equal("1,1", Attempts(afterScene));

            // Beta's platform dies: alpha stays live on the same connection, beta retries.
            await beta.KillAsync();
            await Eventually.ReachAsync(() => owner.StudioAsync(studioId), s => States(s) is "LIVE,RECONNECTING" or "LIVE,FAILED", "beta reconnecting while alpha stays live");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var whileDown = await owner.StudioAsync(studioId);
            Assert.StartsWith("LIVE,", States(whileDown), StringComparison.Ordinal);
            Assert.StartsWith("1,", Attempts(whileDown), StringComparison.Ordinal);
            Assert.Equal(connections[0], (await alpha.PublishersAsync()).GetValueOrDefault("alpha-key"));
            await Eventually.ReachAsync(() => Ffmpeg.GrabAsync(alphaUrl), f => IsRed(f.At(0.25, 0.5)), "alpha still playing");

            // It comes back: the studio reconnects on its own.
            await beta.StartAgainAsync();
            var back = await Eventually.ReachAsync(() => owner.StudioAsync(studioId), s => States(s) == "LIVE,LIVE", "beta live again");
            Assert.True(int.Parse(Attempts(back).Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) > 1);
            Assert.Contains(("h264", 1280, 720), await Ffmpeg.ProbeAsync(betaUrl));

            var ended = await owner.DataAsync("mutation ($id: ID!) { endLive(id: $id) { live } }", "endLive", new { id = studioId });
            Assert.False(ended.GetProperty("live").GetBoolean());
            Assert.Equal(0, host.Services.GetRequiredService<StudioSessions>().Count);
            await Eventually.ReachAsync(async () => (await alpha.PublishersAsync()).Count + (await beta.PublishersAsync()).Count, n => n == 0, "the pushes to stop");
            Assert.Equal(1, await owner.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.live'"));
            Assert.Equal(1, await owner.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.ended'"));
            Assert.Equal("OFFLINE,OFFLINE", States(await owner.StudioAsync(studioId)));
            await ProgramPlaylist.WaitAsync(host.Http, media, p => p.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal), "the program playlist to end");
            _ = alphaId;
            _ = betaId;
        }
        finally
        {
            Stop(pattern);
        }
    }

    private static async Task<string[]> Publishers(NginxRtmpServer alpha, NginxRtmpServer beta) =>
    [
        (await alpha.PublishersAsync()).GetValueOrDefault("alpha-key") ?? "none",
        (await beta.PublishersAsync()).GetValueOrDefault("beta-key") ?? "none",
    ];

    private static string States(JsonElement studio) =>
        string.Join(',', studio.GetProperty("destinations").EnumerateArray().Select(d => d.GetProperty("state").GetString()));

    private static string Attempts(JsonElement studio) =>
        string.Join(',', studio.GetProperty("destinations").EnumerateArray().Select(d => d.GetProperty("attempts").GetInt32()));

    private static bool IsRed((int R, int G, int B) p) => p.R > 180 && p.G < 80 && p.B < 80;

    // The layout's empty slot is RGB 0x2a2a2a (42), the background 0x111111 (17); H.264 moves them a little.
    private static bool IsEmptySlot((int R, int G, int B) p) => Near(p, 42);

    private static bool IsBackground((int R, int G, int B) p) => Near(p, 17);

    private static bool Near((int R, int G, int B) p, int grey) => Math.Abs(p.R - grey) < 12 && Math.Abs(p.G - grey) < 12 && Math.Abs(p.B - grey) < 12;

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
