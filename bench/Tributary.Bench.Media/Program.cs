using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Bench.Media;
using Tributary.Testing.Media;

// Media plane benchmark (issue 9): the real server with its Janus munit and headless Debian Chromium, all inside a
// private network namespace (MEDIA-TESTING.md; needs root). One publisher (~1.5 Mb/s, 640x360 noisy picture at 30 fps) in an m2m room.
//  1. Latency: --joins late viewers each JOIN (the ack's offer answered) and then WATCH the publisher again; the
//     time from sending the signal to the first decoded frame, p50/p99, WATCH against JOIN.
//  2. Fan-out: --subscribers stages of N downlinks of the publisher held by ONE page (encoded frames counted and
//     dropped before the decoder), each measured for --seconds: Janus's CPU and our server's CPU (from /proc),
//     video packet loss and frames received per downlink, against the publisher-only baseline and the N=1 case.
var joins = Arg("--joins", 50);
var stages = ArgList("--subscribers", [1, 5, 10, 20, 40]);
var seconds = Arg("--seconds", 15);
var warmup = Arg("--warmup", 20);

var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench.html"));
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
using var ns = NetworkNamespace.Create();
var admin = new NamespacedJanusAdmin();
await using var server = await NamespacedServer.StartAsync(ns, "all", [.. NamespacedServer.JanusArgs, .. admin.Args, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Tributary=Warning",
    // One page holds every subscriber: on a loaded machine its heartbeat timers can slip past the 10 s default.
    "--Rooms:PresenceTimeout=00:01:00"]);
admin.Attach(server);
var janusPid = ProcStat.FindDescendant(server.Pid, "janus") ?? throw new InvalidOperationException("no janus process under the server");
Console.WriteLine($"server pid {server.Pid}, janus pid {janusPid}");
using var playwright = await Playwright.CreateAsync();
// A camera whose picture is mostly noise, so the encoder really spends the ~1.5 Mb/s it is allowed (Chromium's own
// fake picture is simple and stays far below); made at run time, deleted with the server's data folder.
var camera = Path.Combine(server.DataDir, "camera.y4m");
Tributary.Testing.Servers.ExternalProcess.Run("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30,noise=alls=40:allf=t", "-t", "4", "-pix_fmt", "yuv420p", "-y", camera);
await using var browser = await NamespacedChromium.LaunchAsync(playwright, ns, server.DataDir, [$"--use-file-for-fake-video-capture={camera}"]);

var rid = Guid.NewGuid().ToString();
var publisherPage = await NamespacedChromium.OpenPageAsync(browser, server, html, "publisher");
var publisher = await ConnectAsync(publisherPage, "publisher");
await publisherPage.EvaluateAsync("a => B.join(a.id, true, null, false)", new { id = publisher.Id });
await publisherPage.EvaluateAsync("a => B.publish(a.id, a.o)", new { id = publisher.Id, o = new { width = 640, height = 360, maxBitrate = 1_500_000 } });
Console.WriteLine($"publisher up; {warmup} s for its bandwidth estimate to ramp up");
await Task.Delay(TimeSpan.FromSeconds(warmup));

// 1. Time to first frame.
var viewerPage = await NamespacedChromium.OpenPageAsync(browser, server, html, "viewers");
var joinMs = new List<double>();
var watchMs = new List<double>();
for (var i = 0; i < joins; i++)
{
    var viewer = await ConnectAsync(viewerPage, $"viewer{i}");
    var joined = await viewerPage.EvaluateAsync<JsonElement>("a => B.join(a.id, false, a.pub, true)", new { id = viewer.Id, pub = publisher.SessionId });
    joinMs.Add(joined.GetProperty("ms").GetDouble());
    var watched = await viewerPage.EvaluateAsync<JsonElement>("a => B.watch(a.id, a.to)", new { id = viewer.Id, to = new { userId = publisher.UserId, sessionId = publisher.SessionId } });
    watchMs.Add(watched.GetProperty("ms").GetDouble());
    await viewerPage.EvaluateAsync<int>("a => B.leave(a.id)", new { id = viewer.Id });
}

await viewerPage.Context.CloseAsync();
var (joinP50, joinP99) = (Percentile(joinMs, 50), Percentile(joinMs, 99));
var (watchP50, watchP99) = (Percentile(watchMs, 50), Percentile(watchMs, 99));
Console.WriteLine($"time to first decoded frame over {joins} late viewers (ms):");
Console.WriteLine($"| JOIN -> first frame | {joinP50:F0} | {joinP99:F0} | min {joinMs.Min():F0} max {joinMs.Max():F0} |");
Console.WriteLine($"| WATCH -> first frame | {watchP50:F0} | {watchP99:F0} | min {watchMs.Min():F0} max {watchMs.Max():F0} |");
Console.WriteLine($"ratio WATCH/JOIN: p50 {watchP50 / joinP50:F2}, p99 {watchP99 / joinP99:F2}");

// 2. Fan-out.
var fanPage = await NamespacedChromium.OpenPageAsync(browser, server, html, "subscribers");
await fanPage.EvaluateAsync("() => { B.transportOnly = true; }");
var rows = new List<Stage> { await MeasureAsync(0) };
var subscribers = 0;
var failedJoins = 0;
foreach (var n in stages)
{
    while (subscribers < n)
    {
        var s = await ConnectAsync(fanPage, $"sub{subscribers}-{failedJoins}");
        try
        {
            await fanPage.EvaluateAsync("a => B.join(a.id, false, a.pub, false)", new { id = s.Id, pub = publisher.SessionId });
            subscribers++;
        }
        catch (PlaywrightException e)
        {
            // Counted and reported; the subscriber is replaced by a new one.
            failedJoins++;
            Console.WriteLine($"subscriber join failed ({failedJoins} so far): {e.Message.Split('\n')[0]}");
            await fanPage.EvaluateAsync("a => B.leave(a.id)", new { id = s.Id });
        }
    }

    var handles = await admin.HandlesAsync();
    var downlinks = handles.Count(h => h.Type == "subscriber");
    await Task.Delay(TimeSpan.FromSeconds(3)); // let the new PeerConnections settle
    var stage = await MeasureAsync(n);
    rows.Add(stage);
    Console.WriteLine($"N={n}: Janus holds {downlinks} downlinks; {stage}");
}

var idle = rows[0];
var one = rows.FirstOrDefault(r => r.N == 1);
Console.WriteLine();
Console.WriteLine("| N | Janus CPU % | Janus % per downlink (over N=0) | per downlink / N=1 | our CPU % | our/Janus | loss % | frames/s per downlink | publisher kb/s | fps sent |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in rows)
{
    var per = r.N == 0 ? double.NaN : (r.JanusCpu - idle.JanusCpu) / r.N;
    var perOne = one is null || r.N == 0 ? double.NaN : per / Math.Max(one.JanusCpu - idle.JanusCpu, 0.01);
    Console.WriteLine($"| {r.N} | {r.JanusCpu:F1} | {Fmt(per, 2)} | {Fmt(perOne, 2)} | {r.OurCpu:F1} | {r.OurCpu / Math.Max(r.JanusCpu, 0.01):F2} | {r.LossPercent:F2} | {Fmt(r.FramesPerDownlink, 1)} | {r.PublisherKbps:F0} | {r.SentFps:F1} |");
}

// The largest stage carried whole: under 1 % loss, and the publisher still sending at >= 80 % of its N=0 rate and
// frame rate with every downlink receiving >= 80 % of its frames (else the browser, not Janus, set the limit).
var clean = rows.Where(r => r.N > 0 && r.LossPercent < 1 && r.PublisherKbps >= 0.8 * idle.PublisherKbps && r.SentFps >= 0.8 * idle.SentFps && r.FramesPerDownlink >= 0.8 * r.SentFps).ToList();
if (clean.Count > 0)
{
    var best = clean[^1];
    var perBest = (best.JanusCpu - idle.JanusCpu) / best.N;
    Console.WriteLine($"largest N carried whole: {best.N}; Janus CPU per downlink there {perBest:F2} % of a core at {best.PublisherKbps:F0} kb/s -> about {100 / Math.Max(perBest, 0.01):F0} downlinks per Janus core at this bit rate (extrapolated)");
}

var last = rows[^1];
Console.WriteLine($"our process: {idle.OurCpu:F1} % at N=0, {last.OurCpu:F1} % at N={last.N} ({(last.OurCpu - idle.OurCpu) / Math.Max(last.N, 1):F2} % per downlink)");
Console.WriteLine($"subscriber joins that failed and were replaced: {failedJoins}");
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");

async Task<Stage> MeasureAsync(int n)
{
    var janus0 = ProcStat.CpuSeconds(janusPid);
    var ours0 = ProcStat.CpuSeconds(server.Pid);
    var recv0 = await fanPage.EvaluateAsync<JsonElement>("() => B.received()");
    var sent0 = await publisherPage.EvaluateAsync<JsonElement>("a => B.sent(a)", publisher.Id);
    var clock = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    var janus1 = ProcStat.CpuSeconds(janusPid);
    var ours1 = ProcStat.CpuSeconds(server.Pid);
    var recv1 = await fanPage.EvaluateAsync<JsonElement>("() => B.received()");
    var sent1 = await publisherPage.EvaluateAsync<JsonElement>("a => B.sent(a)", publisher.Id);
    var elapsed = clock.Elapsed.TotalSeconds;
    double D(JsonElement a, JsonElement b, string p) => b.GetProperty(p).GetDouble() - a.GetProperty(p).GetDouble();
    var packets = D(recv0, recv1, "packets");
    var lost = D(recv0, recv1, "lost");
    return new Stage(
        n,
        100 * (janus1 - janus0) / elapsed,
        100 * (ours1 - ours0) / elapsed,
        packets + lost > 0 ? 100 * lost / (packets + lost) : 0,
        n == 0 ? double.NaN : D(recv0, recv1, "frames") / elapsed / n,
        D(sent0, sent1, "bytes") * 8 / 1000 / elapsed,
        D(sent0, sent1, "frames") / elapsed,
        recv1.GetProperty("connected").GetInt32());
}

async Task<Client> ConnectAsync(IPage page, string name)
{
    var userId = await server.CreateUserAsync(name);
    var client = new Client(name, userId, Guid.NewGuid().ToString());
    await page.EvaluateAsync("a => B.connect(a)", new { id = client.Id, server = server.Origin, token = server.IssueToken(userId), userId, sessionId = client.SessionId, rid });
    return client;
}

static string Fmt(double value, int digits) => double.IsNaN(value) ? "–" : value.ToString("F" + digits, CultureInfo.InvariantCulture);

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

int[] ArgList(string name, int[] fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : fallback;
}

internal sealed record Client(string Id, string UserId, string SessionId);

internal sealed record Stage(int N, double JanusCpu, double OurCpu, double LossPercent, double FramesPerDownlink, double PublisherKbps, double SentFps, int Connected)
{
    public override string ToString() =>
        $"Janus {JanusCpu:F1} %, ours {OurCpu:F1} %, loss {LossPercent:F2} %, {FramesPerDownlink:F1} frames/s per downlink, publisher {PublisherKbps:F0} kb/s {SentFps:F1} fps, {Connected} connected";
}
