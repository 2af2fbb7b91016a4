using System.Diagnostics;
using System.Globalization;
using Tributary.Studio;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Scenes;
using Tributary.Studio.Studios;
using Tributary.Testing.Servers;

// CPU cores per 720p30 composite with 1, 2 and 4 RTMP destinations: the studio's design (compose and encode
// once, a -c copy relay per destination fed by the program bus) against the naive design (one full
// compose + encode pipeline per destination), in the same run, into a local nginx-rtmp.
// Usage: dotnet run -c Release --project bench/Tributary.Bench.Studio [seconds per case, default 20]
//        dotnet run -c Release --project bench/Tributary.Bench.Studio latency [seconds per pipeline, default 60]
if (args.Length > 0 && args[0] == "latency")
{
    await Latency.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60);
    return;
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var options = new StudioOptions();
await using var nginx = await NginxRtmpServer.StartAsync();
var source = new CompositorInput(0, ["-re", "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30[out0];sine=frequency=440:sample_rate=48000[out1]"], HasAudio: true);
var scene = new StudioScene(StudioLayout.Solo, ["bench"], "Benchmark", null);
Console.WriteLine($"{Environment.ProcessorCount} cores, {seconds} s per case, {options.Width}x{options.Height}@{options.FrameRate}, x264 {options.X264Preset}, {options.VideoBitrateKbps} kbit/s");
// On a loaded machine the encoders cannot keep real time and get only a share of the CPU, so the figure is
// CPU seconds per second of program actually produced (frames / frame rate): the cores one composite would
// need to run in real time.
Console.WriteLine("| destinations | studio: cores per real-time program | naive: cores | naive / studio |");
Console.WriteLine("|---|---|---|---|");
foreach (var destinations in new[] { 1, 2, 4 })
{
    var studio = await StudioAsync(destinations);
    var naive = await NaiveAsync(destinations);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {destinations} | {studio:0.00} | {naive:0.00} | {naive / studio:0.00} |"));
}

async Task<double> StudioAsync(int destinations)
{
    await using var bus = new ProgramBus();
    bus.Start();
    var processes = new List<Process>();
    try
    {
        for (var i = 0; i < destinations; i++)
        {
            var port = FreeUdpPort();
            bus.Add(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            processes.Add(Start(["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "mpegts", "-i", $"udp://127.0.0.1:{port}?fifo_size=100000&overrun_nonfatal=1",
                "-map", "0", "-c", "copy", "-f", "flv", $"{nginx.IngestUrl}/studio-{destinations}-{i}"]));
        }

        var compositor = Start(["-progress", "pipe:1", .. CompositorCommand.Build(options, scene, [source], null, null, TimeSpan.Zero, bus.Port)]);
        processes.Add(compositor);
        return await MeasureAsync(processes, [compositor], includeSelf: true);
    }
    finally
    {
        processes.ForEach(Stop);
    }
}

async Task<double> NaiveAsync(int destinations)
{
    var processes = new List<Process>();
    try
    {
        for (var i = 0; i < destinations; i++)
        {
            // The same compositor arguments, but each pipeline encodes for its own destination.
            var arguments = CompositorCommand.Build(options, scene, [source], null, null, TimeSpan.Zero, 9).ToList();
            var output = arguments.FindIndex(a => a.StartsWith("udp://", StringComparison.Ordinal));
            arguments[output] = $"{nginx.IngestUrl}/naive-{destinations}-{i}";
            arguments[arguments.IndexOf("mpegts")] = "flv";
            var flags = arguments.IndexOf("-mpegts_flags");
            arguments.RemoveRange(flags, 2);
            processes.Add(Start(["-progress", "pipe:1", .. arguments]));
        }

        return await MeasureAsync(processes, processes, includeSelf: false);
    }
    finally
    {
        processes.ForEach(Stop);
    }
}

// Warm up 5 s (x264 look-ahead, RTMP handshakes), then CPU time of the processes (and of this process, which
// runs the studio's bus) over the measured window, in cores.
async Task<double> MeasureAsync(List<Process> processes, List<Process> encoders, bool includeSelf)
{
    await Task.Delay(TimeSpan.FromSeconds(5));
    var self = Process.GetCurrentProcess();
    var before = processes.Sum(CpuSeconds) + (includeSelf ? self.TotalProcessorTime.TotalSeconds : 0);
    var framesBefore = encoders.Average(p => Frames[p.Id]);
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    self.Refresh();
    var after = processes.Sum(CpuSeconds) + (includeSelf ? self.TotalProcessorTime.TotalSeconds : 0);
    var programSeconds = (encoders.Average(p => Frames[p.Id]) - framesBefore) / options.FrameRate;
    if (processes.Any(p => p.HasExited))
    {
        throw new InvalidOperationException("a pipeline process exited during the measurement");
    }

    return (after - before) / programSeconds;
}

// utime + stime of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
static double CpuSeconds(Process process)
{
    var stat = File.ReadAllText($"/proc/{process.Id}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static Process Start(IEnumerable<string> arguments)
{
    var info = new ProcessStartInfo("/usr/bin/ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
    foreach (var a in arguments)
    {
        info.ArgumentList.Add(a);
    }

    var process = Process.Start(info)!;
    Frames[process.Id] = 0;
    var id = process.Id;
    process.ErrorDataReceived += (_, _) => { };
    process.OutputDataReceived += (_, e) =>
    {
        // -progress pipe:1 writes key=value lines; frame= counts encoded frames.
        if (e.Data is { } line && line.StartsWith("frame=", StringComparison.Ordinal) && long.TryParse(line[6..], CultureInfo.InvariantCulture, out var frames))
        {
            Frames[id] = frames;
        }
    };
    process.BeginErrorReadLine();
    process.BeginOutputReadLine();
    return process;
}

static void Stop(Process process)
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

    process.Dispose();
}

static int FreeUdpPort()
{
    using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
    socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
    return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
}

// Frames encoded so far per ffmpeg process id (from its -progress output).
partial class Program
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> Frames = new();
}
