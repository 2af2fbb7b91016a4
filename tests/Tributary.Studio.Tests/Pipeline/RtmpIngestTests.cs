using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Tests.Support;
using Tributary.Testing;
using Tributary.Testing.Servers;

namespace Tributary.Studio.Tests.Pipeline;

/// <summary>
/// An external RTMP encoder (an ffmpeg test pattern) pushes to the studio's RTMP ingest (nginx-rtmp whose
/// on_publish asks the studio to check the key) and shows up as the "ingest" source of the program that an
/// nginx-rtmp destination receives. Everything runs on loopback.
/// </summary>
public sealed class RtmpIngestTests
{
    [Fact]
    public async Task Rtmp_encoder_with_the_studio_key_shows_in_the_composite_and_one_with_a_wrong_key_is_refused_and_shows_nothing()
    {
        await using var destination = await NginxRtmpServer.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, Hosting.ServerRoles.Api | Hosting.ServerRoles.Studio | Hosting.ServerRoles.Control,
            ["--Studio:AllowPrivateAddresses=true"]);
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());
        await owner.DataAsync("mutation ($s: ID!, $u: String!) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: \"program\") { id } }", "addDestination", new { s = studioId, u = destination.IngestUrl });
        await owner.DataAsync("mutation ($s: ID!) { setScene(studioId: $s, layout: SOLO, stage: [\"ingest\"]) { id } }", "setScene", new { s = studioId });
        var live = await owner.DataAsync("mutation ($id: ID!) { goLive(id: $id) { rtmpIngestUrl } }", "goLive", new { id = studioId });
        var ingestUrl = live.GetProperty("rtmpIngestUrl").GetString()!;
        Assert.StartsWith("rtmp://127.0.0.1:", ingestUrl, StringComparison.Ordinal);
        Assert.Contains("/ingest/", ingestUrl, StringComparison.Ordinal);
        var programUrl = destination.IngestUrl + "/program";
        var sessions = host.Services.GetRequiredService<StudioSessions>();

        // A wrong key: nginx asks the studio, is told no, and drops the encoder, which gives up.
        var wrongUrl = ingestUrl[..(ingestUrl.LastIndexOf('/') + 1)] + new string('0', 32);
        using (var wrong = Ffmpeg.StartPattern("green", wrongUrl, format: "flv"))
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await wrong.WaitForExitAsync(patience.Token);
            Assert.NotEqual(0, wrong.ExitCode);
        }

        var refused = sessions.RtmpIngestRefused(studioId);
        Assert.True(refused >= 1);
        await Eventually.ReachAsync(() => owner.StudioAsync(studioId), s => s.GetProperty("destinations")[0].GetProperty("state").GetString() == "LIVE", "the destination LIVE");
        var empty = await Ffmpeg.GrabAsync(programUrl);
        Assert.True(IsEmptySlot(empty.At(0.5, 0.5)), $"expected the empty slot, saw {empty.At(0.5, 0.5)}");

        // The studio's key: the pattern fills the SOLO program.
        using var right = Ffmpeg.StartPattern("green", ingestUrl, format: "flv");
        try
        {
            await Eventually.ReachAsync(() => Ffmpeg.GrabAsync(programUrl), f => IsGreen(f.At(0.5, 0.5)) && IsGreen(f.At(0.1, 0.1)), "a green SOLO frame");
            Assert.False(right.HasExited);
            Assert.Equal(refused, sessions.RtmpIngestRefused(studioId));
            await owner.DataAsync("mutation ($id: ID!) { endLive(id: $id) { live } }", "endLive", new { id = studioId });
        }
        finally
        {
            Stop(right);
        }
    }

    private static bool IsGreen((int R, int G, int B) p) => p.G > 100 && p.R < 80 && p.B < 80;

    // The layout's empty slot is RGB 0x2a2a2a (42).
    private static bool IsEmptySlot((int R, int G, int B) p) => Math.Abs(p.R - 42) < 12 && Math.Abs(p.G - 42) < 12 && Math.Abs(p.B - 42) < 12;

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
