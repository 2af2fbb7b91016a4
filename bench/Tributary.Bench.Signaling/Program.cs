using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tributary.Auth;
using Tributary.Bench;
using Tributary.Client;
using Tributary.Hosting;

// Load test of /signal: N sessions in rooms of R, each heartbeating every 3 s with send_ack through
// Tributary.Client, against a `tributary serve --roles edge` process started here. Reports heartbeat-ack
// latency (p50/p99) at a small baseline load and at full load in the same run, and the server process's
// CPU and RSS per session (from /proc).
var sessions = Arg("--sessions", 5000);
var roomSize = Arg("--room-size", 10);
var seconds = Arg("--seconds", 60);
var baselineSessions = Arg("--baseline-sessions", 100);
var interval = TimeSpan.FromSeconds(3);

var dataDir = Directory.CreateTempSubdirectory("tributary-bench-").FullName;
var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
var port = 19000 + Random.Shared.Next(1000);
using var server = ServerProcess.Start("edge", port, dataDir,
[
    $"--Auth:SigningKey={key}", $"--Cluster:SiloPort={port + 1000}", $"--Cluster:GatewayPort={port + 2000}",
    "--Logging:LogLevel:Default=Warning",
]);
var tokens = new AccessTokens(Options.Create(new TokenOptions { SigningKey = key, AccessTokenLifetime = TimeSpan.FromHours(2) }), Options.Create(new ServerOptions { DataDir = dataDir }), TimeProvider.System);
var uri = new Uri($"http://127.0.0.1:{port}/");
using (var ready = new HttpClient { BaseAddress = uri })
{
    await server.WaitReadyAsync(ready);
}
var idle = server.Sample();
Console.WriteLine($"server ready: pid {server.Pid}, RSS {idle.RssBytes / 1048576.0:F1} MiB");

var clients = new List<SignalClient>();
var loops = new List<Task>();
using var stopAll = new CancellationTokenSource();
Phase? phase = null;
try
{
    // Baseline: a small load, same code path.
    await ConnectAsync(baselineSessions);
    var baseline = await MeasureAsync(Math.Min(seconds, 20));
    Report("baseline", baselineSessions, baseline);

    await ConnectAsync(sessions - baselineSessions);
    var loaded = server.Sample();
    var full = await MeasureAsync(seconds);
    Report("full", sessions, full);
    Console.WriteLine($"server RSS: idle {idle.RssBytes / 1048576.0:F1} MiB, with {sessions} sessions {loaded.RssBytes / 1048576.0:F1} MiB, " +
        $"{(loaded.RssBytes - idle.RssBytes) / (double)sessions / 1024:F1} KiB per session");
    Console.WriteLine($"p99 full/baseline: {full.P99 / Math.Max(baseline.P99, 0.001):F2}x");
}
finally
{
    stopAll.Cancel();
    await Task.WhenAll(loops);
    await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
    server.Dispose();
    Directory.Delete(dataDir, true);
}

async Task ConnectAsync(int count)
{
    var start = clients.Count;
    var created = new SignalClient[count];
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, ct) =>
    {
        var n = start + i;
        var userId = $"bench-user-{n}";
        var client = await SignalClient.ConnectAsync(uri, tokens.Issue(userId).Token, new SignalSession(userId, $"bench-session-{n}"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false, AckTimeout = TimeSpan.FromSeconds(30) }, ct);
        created[i] = client;
    });
    clients.AddRange(created);
    // Join in room order: the first session of each room creates it.
    var rooms = Enumerable.Range(start, count).GroupBy(n => n / roomSize);
    await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (room, ct) =>
    {
        foreach (var n in room)
        {
            var ack = await clients[n].JoinAsync(RoomOf(n), RoomChannel.M2m, create: n % roomSize == 0, cancellationToken: ct);
            if (!ack.IsSuccess)
            {
                throw new InvalidOperationException($"JOIN failed: {ack.Json}");
            }

            var loop = HeartbeatLoopAsync(n);
            lock (loops)
            {
                loops.Add(loop);
            }
        }
    });
    Console.WriteLine($"{clients.Count} sessions joined");
}

// Every session heartbeats (send_ack) every 3 s from its JOIN on, as real clients do; a phase records the acks.
async Task HeartbeatLoopAsync(int i)
{
    try
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds), stopAll.Token);
        using var timer = new PeriodicTimer(interval);
        do
        {
            var sent = Stopwatch.GetTimestamp();
            var ack = await clients[i].HeartbeatAsync(RoomOf(i), cancellationToken: CancellationToken.None);
            var current = phase;
            if (current is not null)
            {
                if (ack.IsSuccess)
                {
                    current.Latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref current.Failures);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stopAll.Token));
    }
    catch (Exception e) when (e is OperationCanceledException or TimeoutException or System.Net.WebSockets.WebSocketException)
    {
        // Stopped.
    }
}

async Task<Result> MeasureAsync(int duration)
{
    var current = new Phase();
    var before = server.Sample();
    var wall = Stopwatch.StartNew();
    phase = current;
    await Task.Delay(TimeSpan.FromSeconds(duration));
    phase = null;
    var after = server.Sample();
    var all = current.Latencies.Order().ToArray();
    return new Result(
        all.Length,
        current.Failures,
        Percentile(all, 0.50),
        Percentile(all, 0.99),
        (after.CpuSeconds - before.CpuSeconds) / wall.Elapsed.TotalSeconds,
        after.RssBytes);
}

void Report(string phase, int n, Result r) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{phase}: {n} sessions, {r.Acks} heartbeat acks ({r.Failures} failed), p50 {r.P50:F2} ms, p99 {r.P99:F2} ms, " +
        $"server CPU {r.CpuCores * 100:F1}% of a core ({r.CpuCores * 100 / n * 1000:F2}% per 1,000 sessions), RSS {r.RssBytes / 1048576.0:F1} MiB"));

string RoomOf(int n) => $"bench-room-{n / roomSize}";

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed class Phase
{
    public System.Collections.Concurrent.ConcurrentBag<double> Latencies { get; } = [];

#pragma warning disable CA1051 // Interlocked needs a field.
    public int Failures;
#pragma warning restore CA1051
}

internal sealed record Result(int Acks, int Failures, double P50, double P99, double CpuCores, long RssBytes);
