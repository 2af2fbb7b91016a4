// Real-time benchmark of the business API (issue 7), against `tributary serve --roles api,edge` started here
// in its own process on loopback:
//  1. fan-out: N graphql-transport-ws subscribers (raw ClientWebSocket) of roomEvents(roomId); one `react`
//     mutation per event; time from sending the mutation until the last subscriber has the event, p50/p99
//     over the events, and the server's memory per subscription (RSS and GC heap deltas / N);
//  2. the `liveRooms` feed query against the `me` query (the cheapest authenticated GraphQL read) as the
//     baseline, in the same run: req/s, p50/p99 and the ratio.
// Usage: dotnet run -c Release --project bench/Tributary.Bench.Realtime -- [--subscribers 10000] [--events 20]
//        [--connect-concurrency 64] [--concurrency 16] [--requests 10000]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tributary.Bench.Graph;
using Tributary.Bench;
using Tributary.Bench.Realtime;

var subscriberCount = Arg("--subscribers", 10_000);
var events = Arg("--events", 20);
var connectConcurrency = Arg("--connect-concurrency", 64);
var concurrency = Arg("--concurrency", 16);
var requests = Arg("--requests", 10_000);

Console.WriteLine($"{Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Trim()}");
var dataDir = Directory.CreateTempSubdirectory("tributary-bench-realtime-").FullName;
var port = FreePort();
using var server = ServerProcess.Start("api,edge", port, dataDir,
[
    "--Logging:LogLevel:Default=Warning",
    $"--Cluster:SiloPort={FreePort()}",
    $"--Cluster:GatewayPort={FreePort()}",
    // Seeding signs up many users from one address.
    "--Accounts:AttemptsPerAddress=100000",
    "--Accounts:AttemptsPerAccount=100000",
]);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(concurrency, 16), PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = new Uri($"http://127.0.0.1:{port}"),
    Timeout = TimeSpan.FromMinutes(2),
};
var failed = false;
double baselineLastP50 = 0, baselineLastP99 = 0;
try
{
    await server.WaitReadyAsync(http);
    var owner = await SignUpAsync("owner0");
    var room = (await GraphQLAsync("mutation { createRoom(type: M2M, title: \"fan-out\") { id } }", owner)).GetProperty("createRoom").GetProperty("id").GetString()!;

    // A small round first: the baseline of the ratio, and the warm-up (JIT-compiled code, pools) before
    // the memory baseline.
    failed |= !await FanOutAsync(owner, room, Math.Min(200, subscriberCount), events, 0, null);
    await Task.Delay(TimeSpan.FromSeconds(3));
    var idleRss = server.RssBytes();
    var idleHeap = await ServerProcess.GcHeapBytesAsync(http);
    Console.WriteLine($"server warmed up: pid {server.Pid}, RSS {idleRss / 1048576.0:F1} MiB, GC heap {Mib(idleHeap)}");

    failed |= !await FanOutAsync(owner, room, subscriberCount, events, idleRss, idleHeap);
    failed |= !await FeedAsync(owner);
}
finally
{
    server.Dispose();
    Directory.Delete(dataDir, true);
}

return failed ? 1 : 0;

async Task<bool> FanOutAsync(string token, string room, int subscriberCount, int events, long idleRss, long? idleHeap)
{
    var report = idleRss > 0;
    var received = new int[events + 1];
    var done = Enumerable.Range(0, events + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
    var target = subscriberCount;
    var current = 0;
    void OnEvent(int index)
    {
        if (Interlocked.Increment(ref received[index]) == Volatile.Read(ref target))
        {
            done[index].TrySetResult();
        }
    }

    var subscribe = JsonSerializer.Serialize(new
    {
        type = "subscribe",
        id = "1",
        payload = new { query = "subscription ($r: ID!) { roomEvents(roomId: $r) { kind emoji } }", variables = new { r = room } },
    });
    var uri = new Uri($"ws://127.0.0.1:{port}/graphql");
    var subscribers = new List<Subscriber>();
    var connectClock = Stopwatch.StartNew();
    string? stoppedBy = null;
    try
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, subscriberCount), new ParallelOptions { MaxDegreeOfParallelism = connectConcurrency }, async (_, ct) =>
        {
            // Event 0 is the warm-up and the barrier that every subscription is live.
            var subscriber = new Subscriber(events + 1, () => Volatile.Read(ref current), OnEvent);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await subscriber.StartAsync(uri, token, subscribe, timeout.Token);
            }
            catch
            {
                await subscriber.DisposeAsync();
                throw;
            }

            lock (subscribers)
            {
                subscribers.Add(subscriber);
            }
        });
    }
    catch (Exception e) when (e is WebSocketException or SocketException or OperationCanceledException or InvalidOperationException or HttpRequestException)
    {
        // Out of descriptors, ports or server capacity: measure the subscribers that made it, and say so.
        stoppedBy = e.GetType().Name + ": " + e.Message;
    }

    var connected = subscribers.Count;
    Volatile.Write(ref target, Math.Max(1, connected));
    Console.WriteLine($"subscribers: {connected} of {subscriberCount} connected in {connectClock.Elapsed.TotalSeconds:F1} s{(stoppedBy is null ? string.Empty : "; stopped by " + stoppedBy)}; server fds {server.OpenFiles()}");

    // Warm-up event 0, repeated until every subscription is registered (subscribe answers nothing when it is).
    var warm = Stopwatch.StartNew();
    while (!done[0].Task.IsCompleted)
    {
        await ReactAsync(token, room);
        await Task.WhenAny(done[0].Task, Task.Delay(TimeSpan.FromSeconds(5)));
        if (warm.Elapsed > TimeSpan.FromMinutes(3))
        {
            Console.WriteLine($"only {received[0]} of {connected} subscribers got the warm-up event");
            return false;
        }
    }

    // Late copies of a repeated warm-up still count as event 0 while they drain.
    await Task.Delay(TimeSpan.FromSeconds(3));
    var loadedRss = server.RssBytes();
    var loadedHeap = await ServerProcess.GcHeapBytesAsync(http);

    var lastMs = new List<double>();
    var allMs = new List<double>();
    for (var e = 1; e < events + 1; e++)
    {
        Volatile.Write(ref current, e);
        var sent = Stopwatch.GetTimestamp();
        await ReactAsync(token, room);
        var finished = await Task.WhenAny(done[e].Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != done[e].Task)
        {
            Console.WriteLine($"event {e}: only {received[e]} of {connected} subscribers got it within 60 s");
            return false;
        }

        var arrivals = subscribers.Select(s => s.ArrivalOf(e)).Where(t => t != 0).Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds).ToList();
        lastMs.Add(arrivals.Max());
        allMs.AddRange(arrivals);
        await Task.Delay(200);
    }

    lastMs.Sort();
    allMs.Sort();
    Console.WriteLine($"fan-out to {connected} subscribers, {lastMs.Count} events:");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  until the last subscriber has it: p50 {Percentile(lastMs, 0.5):F1} ms, p99 {Percentile(lastMs, 0.99):F1} ms, min {lastMs[0]:F1} ms, max {lastMs[^1]:F1} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per delivery ({allMs.Count}): p50 {Percentile(allMs, 0.5):F1} ms, p99 {Percentile(allMs, 0.99):F1} ms"));
    if (!report)
    {
        await Parallel.ForEachAsync(subscribers, async (s, _) => await s.DisposeAsync());
        baselineLastP50 = Percentile(lastMs, 0.5);
        baselineLastP99 = Percentile(lastMs, 0.99);
        return true;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio to the {Math.Min(200, subscriberCount)}-subscriber baseline: p50 {Percentile(lastMs, 0.5) / baselineLastP50:F1}x, p99 {Percentile(lastMs, 0.99) / baselineLastP99:F1}x for {connected / (double)Math.Min(200, subscriberCount):F0}x the subscribers"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  server RSS {idleRss / 1048576.0:F1} → {loadedRss / 1048576.0:F1} MiB: {(loadedRss - idleRss) / (double)connected / 1024:F1} KiB per subscription"));
    if (idleHeap is { } h0 && loadedHeap is { } h1)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  server GC heap after its last collection {h0 / 1048576.0:F1} → {h1 / 1048576.0:F1} MiB: {(h1 - h0) / (double)connected / 1024:F1} KiB per subscription"));
    }

    var disposeClock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = connectConcurrency }, async (s, _) => await s.DisposeAsync());
    Console.WriteLine($"  subscribers closed in {disposeClock.Elapsed.TotalSeconds:F1} s");
    var broken = subscribers.FirstOrDefault(sub => sub.Failure is not null);
    if (broken is not null)
    {
        Console.WriteLine("a subscriber failed: " + broken.Failure);
    }

    return broken is null;
}

async Task<bool> FeedAsync(string ownerToken)
{
    // A feed worth paging: 40 owners with 3 open rooms each; the reader follows 10 of them.
    var reader = await SignUpAsync("reader");
    for (var i = 1; i <= 40; i++)
    {
        var owner = await SignUpAsync($"owner{i}");
        for (var r = 0; r < 3; r++)
        {
            await GraphQLAsync($"mutation {{ createRoom(type: M2M, title: \"room {i}.{r}\") {{ id }} }}", owner);
        }

        if (i <= 10)
        {
            var id = (await GraphQLAsync("{ me { id } }", owner)).GetProperty("me").GetProperty("id").GetString();
            await GraphQLAsync($"mutation {{ follow(userId: \"{id}\") {{ id }} }}", reader);
        }
    }

    var me = JsonSerializer.SerializeToUtf8Bytes(new { query = "{ me { id username fullname avatarUrl email } }" });
    var feed = JsonSerializer.SerializeToUtf8Bytes(new { query = "{ liveRooms(first: 20) { edges { cursor node { id title type live viewerCount owner { username } } } pageInfo { hasNextPage endCursor } } }" });
    HttpRequestMessage Post(byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new("application/json");
        message.Headers.Authorization = new("Bearer", reader);
        return message;
    }

    var check = await http.SendAsync(Post(feed));
    var checkBody = await check.Content.ReadAsStringAsync();
    using (var parsed = JsonDocument.Parse(checkBody))
    {
        var edges = parsed.RootElement.GetProperty("data").GetProperty("liveRooms").GetProperty("edges").GetArrayLength();
        Console.WriteLine($"liveRooms page: {edges} rooms, {checkBody.Length} bytes");
    }

    var warmup = new LoadLoop(http, concurrency, Math.Max(500, requests / 10));
    await warmup.RunAsync("warm-up me", () => Post(me));
    await warmup.RunAsync("warm-up liveRooms", () => Post(feed));
    var loop = new LoadLoop(http, concurrency, requests);
    var results = new List<LoadResult>();
    for (var round = 1; round <= 2; round++)
    {
        results.Add(await loop.RunAsync($"GraphQL me (round {round})", () => Post(me)));
        results.Add(await loop.RunAsync($"GraphQL liveRooms first 20 (round {round})", () => Post(feed)));
    }

    Console.WriteLine($"concurrency {concurrency}; {requests} requests per run; SQLite (embedded default); load average {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine("| query | requests | failures | req/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    results.ForEach(Console.WriteLine);
    var baseline = results.Where(r => r.Name.Contains(" me ", StringComparison.Ordinal)).ToList();
    var measured = results.Where(r => r.Name.Contains("liveRooms", StringComparison.Ordinal)).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio liveRooms/me: throughput {measured.Average(r => r.RequestsPerSecond) / baseline.Average(r => r.RequestsPerSecond):F2}, p99 {measured.Average(r => r.P99Ms) / baseline.Average(r => r.P99Ms):F2}"));
    return results.Sum(r => r.Failures) == 0;
}

async Task<string> SignUpAsync(string username)
{
    var data = await GraphQLAsync(
        "mutation ($e: String!, $u: String!) { signUp(email: $e, password: \"correct horse battery\", username: $u, fullname: $u) { accessToken } }",
        null,
        new { e = username + "@example.com", u = username });
    return data.GetProperty("signUp").GetProperty("accessToken").GetString()!;
}

async Task ReactAsync(string token, string room) =>
    await GraphQLAsync("mutation ($r: ID!) { react(roomId: $r, emoji: \"👍\") { count } }", token, new { r = room });

async Task<JsonElement> GraphQLAsync(string query, string? token, object? variables = null)
{
    using var message = new HttpRequestMessage(HttpMethod.Post, "/graphql")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
    };
    if (token is not null)
    {
        message.Headers.Authorization = new("Bearer", token);
    }

    using var response = await http.SendAsync(message);
    var body = await response.Content.ReadAsStringAsync();
    using var document = JsonDocument.Parse(body);
    if (document.RootElement.TryGetProperty("errors", out _) || !document.RootElement.TryGetProperty("data", out var data))
    {
        throw new InvalidOperationException($"{query}: {body}");
    }

    return data.Clone();
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB" : "n/a";

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
