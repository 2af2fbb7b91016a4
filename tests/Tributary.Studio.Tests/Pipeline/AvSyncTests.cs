using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Tributary.Studio.Tests.Support;
using Tributary.Testing;
using Tributary.Testing.Servers;
using Xunit.Abstractions;

namespace Tributary.Studio.Tests.Pipeline;

/// <summary>
/// Audio/video sync of the program over five minutes, with a beep-and-flash source: every second one white frame
/// (on black) and a 1 kHz beep start at the same instant. The source goes through the studio's ingest, the
/// compositor and encoder, and an nginx-rtmp destination; the recorded program is analysed with ffmpeg
/// (signalstats for the flashes, silencedetect for the beeps) and each flash is paired with the nearest beep.
/// </summary>
public sealed partial class AvSyncTests(ITestOutputHelper output)
{
    private const int Seconds = 300;

    // The issue's bound: lip sync within 40 ms (one video frame at 30 fps is 33 ms).
    private const double ToleranceSeconds = 0.040;

    // Analysing five minutes of recording takes a while on a loaded machine.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Program_audio_and_video_stay_within_40_ms_of_each_other_over_five_minutes()
    {
        await using var destination = await NginxRtmpServer.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, Hosting.ServerRoles.Api | Hosting.ServerRoles.Studio | Hosting.ServerRoles.Control,
            ["--Studio:AllowPrivateAddresses=true", "--Studio:RtmpIngest=false"]);
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());
        await owner.DataAsync("mutation ($s: ID!, $u: String!) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: \"program\") { id } }", "addDestination", new { s = studioId, u = destination.IngestUrl });
        await owner.DataAsync("mutation ($s: ID!) { setScene(studioId: $s, layout: SOLO, stage: [\"ingest\"]) { id } }", "setScene", new { s = studioId });
        var live = await owner.DataAsync("mutation ($id: ID!) { goLive(id: $id) { ingestUrl } }", "goLive", new { id = studioId });
        var folder = Directory.CreateTempSubdirectory("studio-avsync-").FullName;
        var recording = Path.Combine(folder, "program.mkv");
        var programUrl = destination.IngestUrl + "/program";
        using var source = Ffmpeg.Start(
            "-v", "error", "-re",
            "-f", "lavfi", "-i", "color=c=black:s=640x360:r=30,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(n,30),1)'",
            "-f", "lavfi", "-i", "aevalsrc=exprs='if(lt(mod(t,1),0.1),0.9*sin(2*PI*1000*t),0)':s=48000",
            "-t", (Seconds + 120).ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
            "-f", "mpegts", live.GetProperty("ingestUrl").GetString()!);
        try
        {
            // The source is on: once the program shows a flash, record it.
            await Eventually.ReachAsync(() => Ffmpeg.GrabAsync(programUrl), f => f.At(0.5, 0.5).R < 60, "the ingest's black picture in the program");
            using var recorder = Ffmpeg.Start("-v", "error", "-rw_timeout", "15000000", "-i", programUrl, "-map", "0:v", "-map", "0:a", "-c", "copy", "-t", Seconds.ToString(CultureInfo.InvariantCulture), "-y", recording);
            using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds + 180)))
            {
                await recorder.WaitForExitAsync(patience.Token);
            }

            Assert.Equal(0, recorder.ExitCode);
            var flashes = await FlashesAsync(recording);
            var beeps = await BeepsAsync(recording);
            var offsets = flashes.Select(f => beeps.Count == 0 ? double.NaN : beeps.MinBy(b => Math.Abs(b - f)) - f).Where(o => Math.Abs(o) < 0.5).ToList();
            output.WriteLine($"flashes {flashes.Count}, beeps {beeps.Count}, pairs {offsets.Count}; audio minus video: min {offsets.DefaultIfEmpty().Min() * 1000:F1} ms, max {offsets.DefaultIfEmpty().Max() * 1000:F1} ms, mean {offsets.DefaultIfEmpty().Average() * 1000:F1} ms");
            Assert.True(offsets.Count >= Seconds * 8 / 10, $"only {offsets.Count} flash/beep pairs in {Seconds} s ({flashes.Count} flashes, {beeps.Count} beeps)");
            Assert.All(offsets, o => Assert.True(Math.Abs(o) <= ToleranceSeconds, $"audio minus video {o * 1000:F1} ms"));
        }
        finally
        {
            Stop(source);
            Directory.Delete(folder, recursive: true);
        }
    }

    // Times of the first frame of each white run (mean luma far above the black frames').
    private static async Task<List<double>> FlashesAsync(string file)
    {
        var (text, _) = await Ffmpeg.RunAsync("/usr/bin/ffmpeg", ["-v", "error", "-i", file, "-map", "0:v", "-vf", "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-", "-f", "null", "-"], Patience);
        var flashes = new List<double>();
        double? time = null;
        var bright = false;
        foreach (var line in text.Split('\n'))
        {
            if (FrameLine().Match(line) is { Success: true } frame)
            {
                time = double.Parse(frame.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("lavfi.signalstats.YAVG=", StringComparison.Ordinal) && time is { } t)
            {
                var now = double.Parse(line["lavfi.signalstats.YAVG=".Length..], CultureInfo.InvariantCulture) > 128;
                if (now && !bright)
                {
                    flashes.Add(t);
                }

                bright = now;
            }
        }

        return flashes;
    }

    // Times where a beep starts (the end of each silence).
    private static async Task<List<double>> BeepsAsync(string file)
    {
        var (_, text) = await Ffmpeg.RunAsync("/usr/bin/ffmpeg", ["-v", "info", "-i", file, "-map", "0:a", "-af", "silencedetect=n=-26dB:d=0.2", "-f", "null", "-"], Patience);
        return [.. SilenceEnd().Matches(text).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

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

    [GeneratedRegex(@"pts_time:([0-9.]+)")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"silence_end: ([0-9.]+)")]
    private static partial Regex SilenceEnd();
}
