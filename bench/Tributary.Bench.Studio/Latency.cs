using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Tributary.Studio;
using Tributary.Studio.Destinations;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Sources;
using Tributary.Studio.Studios;
using Tributary.Testing.Servers;

/// <summary>
/// Glass-to-glass latency: a flash source (3 frames of grey every second, cycling through four brightness levels so
/// that a flash seen late is never paired with the wrong one) and an RTMP receiver that decodes the stream and
/// reports each flash. Both print the mean luma of every frame as it passes (ffmpeg <c>signalstats</c> + <c>metadata</c>
/// to the log); this process stamps each line when it arrives. Latency = the receiver's first bright frame minus the
/// source's first bright frame of the same flash. The studio (SRT ingest → compositor → bus → relay → nginx-rtmp)
/// and a baseline (the same source pushed straight to nginx-rtmp) run one after the other in the same process.
/// </summary>
internal static class Latency
{
    // Flash level (limited-range luma of the grey) by position in the 4-second cycle.
    private static readonly int[] Levels = [235, 181, 126, 85];

    public static async Task RunAsync(int seconds)
    {
        await using var nginx = await NginxRtmpServer.StartAsync();
        Console.WriteLine($"{Environment.ProcessorCount} cores, {seconds} s per pipeline, 1280x720@30 flash source (x264 veryfast, zerolatency, GOP 1 s)");
        Console.WriteLine("| pipeline | flashes | p50 ms | p99 ms | min ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var baseline = await MeasureAsync(nginx.IngestUrl + "/baseline", "flv", nginx.IngestUrl + "/baseline", seconds);
        Print("baseline: source → nginx-rtmp → player", baseline);

        var options = new StudioOptions { RtmpIngest = false };
        var studio = new StudioRecord("bench", "bench-room", "bench-owner", new StudioScene(StudioLayout.Solo, [StudioScene.IngestSource], null, null), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), null, 0);
        await using var session = new StudioSession(studio, null, options, new StationLocator(null, null), null, NullLoggerFactory.Instance, TimeProvider.System, (_, _, _) => { });
        await session.StartAsync([(new StudioDestination("bench-destination", "bench", DestinationKind.Custom, nginx.IngestUrl, 0), "studio")]);
        var measured = await MeasureAsync(session.IngestUrl, "mpegts", nginx.IngestUrl + "/studio", seconds);
        Print("studio: source → SRT ingest → compositor → relay → nginx-rtmp → player", measured);
        if (baseline.Count > 0 && measured.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"studio adds {Percentile(measured, 0.5) - Percentile(baseline, 0.5):0} ms at p50"));
        }
    }

    private static async Task<List<double>> MeasureAsync(string pushUrl, string format, string playUrl, int seconds)
    {
        var sourceFlashes = new List<(int Level, long At)>();
        var receivedFlashes = new List<(int Level, long At)>();
        var flashes = string.Join(',', Levels.Select((level, i) =>
            string.Create(CultureInfo.InvariantCulture, $"drawbox=x=0:y=0:w=iw:h=ih:t=fill:color=0x{Grey(level):x2}{Grey(level):x2}{Grey(level):x2}:enable='between(mod(n,120),{i * 30},{(i * 30) + 2})'")));
        using var receiver = Start(["-hide_banner", "-nostdin", "-loglevel", "info", "-fflags", "nobuffer", "-flags", "low_delay", "-rw_timeout", "30000000",
            "-analyzeduration", "1000000", "-probesize", "1000000", "-i", playUrl, "-map", "0:v", "-vf", "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG", "-f", "null", "-"], receivedFlashes);
        using var source = Start(["-hide_banner", "-nostdin", "-loglevel", "info", "-re",
            "-f", "lavfi", "-i", $"color=c=black:s=1280x720:r=30,{flashes},signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "30", "-b:v", "3000k", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", format, pushUrl], sourceFlashes);
        try
        {
            // Warm-up (connections, probing, the compositor's first run), then the measured window.
            await Task.Delay(TimeSpan.FromSeconds(10));
            var start = Stopwatch.GetTimestamp();

            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var latencies = new List<double>();
            lock (receivedFlashes)
            {
                lock (sourceFlashes)
                {
                    foreach (var (level, at) in receivedFlashes.Where(r => r.At >= start))
                    {
                        // The latest source flash of the same level before it (one cycle is 4 s).
                        var sent = sourceFlashes.Where(s => s.Level == level && s.At <= at).Select(s => (long?)s.At).LastOrDefault();
                        if (sent is { } t && Stopwatch.GetElapsedTime(t, at) < TimeSpan.FromSeconds(4))
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(t, at).TotalMilliseconds);
                        }
                    }
                }
            }

            return latencies;
        }
        finally
        {
            Stop(source);
            Stop(receiver);
        }
    }

    private static int Grey(int luma) => (int)Math.Round((luma - 16) * 255.0 / 219.0);

    private static void Print(string name, List<double> latencies) =>
        Console.WriteLine(latencies.Count == 0
            ? $"| {name} | 0 | - | - | - | - |"
            : string.Create(CultureInfo.InvariantCulture, $"| {name} | {latencies.Count} | {Percentile(latencies, 0.5):0} | {Percentile(latencies, 0.99):0} | {latencies.Min():0} | {latencies.Max():0} |"));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    // Reads "lavfi.signalstats.YAVG=<v>" log lines as they arrive; a frame brighter than 50 after a dark one starts a flash.
    private static Process Start(IEnumerable<string> arguments, List<(int Level, long At)> flashes)
    {
        var info = new ProcessStartInfo("/usr/bin/ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        var bright = false;
        process.ErrorDataReceived += (_, e) =>
        {
            var at = Stopwatch.GetTimestamp();
            const string Key = "lavfi.signalstats.YAVG=";
            var line = e.Data ?? "";
            var i = line.IndexOf(Key, StringComparison.Ordinal);
            if (i < 0)
            {
                return;
            }

            var luma = double.Parse(line[(i + Key.Length)..], CultureInfo.InvariantCulture);
            var now = luma > 50;
            if (now && !bright)
            {
                var level = Array.IndexOf(Levels, Levels.MinBy(l => Math.Abs(l - luma)));
                lock (flashes)
                {
                    flashes.Add((level, at));
                }
            }

            bright = now;
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
