using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Auth;
using Tributary.Bench.Hls;
using Tributary.Hls.Broadcasts;
using Tributary.Rooms;
using Tributary.Testing;
using Tributary.Testing.Servers;

// Playlist and part serving: Tributary (playlists composed in the broadcast grain, blocking-reload
// capable) against nginx serving the same bytes as static files, same machine, same run, same load.
// Then the delay from a part's upload to the release of viewers' blocked playlist requests.
// Usage: dotnet run -c Release --project bench/Tributary.Bench.Hls -- [seconds=10] [connections=64] [viewers=200] [nocache]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
var viewers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
// "nocache" serves every request through the broadcast grain (Hls:EdgeCache=false), the figures before the edge cache.
var edgeCache = !(args.Length > 3 && args[3] == "nocache");

const string User = "bench-user";
var room = Guid.NewGuid().ToString();
await using var host = await TributaryTestHost.StartAsync(
    args: ["--Logging:LogLevel:Default=Warning", $"--Hls:EdgeCache={edgeCache}"],
    configure: b => b.Services.AddSingleton<IRoomDirectory>(new OneRoomDirectory(room, User)));
var token = host.GetRequiredService<AccessTokens>().Issue(User).Token;
var partBytes = new byte[20_000];
Random.Shared.NextBytes(partBytes);

async Task UploadAsync(JsonObject body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/data") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await host.Http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"upload failed: {await response.Content.ReadAsStringAsync()}");
    }
}

JsonObject Signal(string action, JsonObject payload)
{
    payload["playlist"] = new JsonObject { ["id"] = room, ["version"] = 9 };
    return new JsonObject
    {
        ["action"] = action, ["version"] = 1, ["id"] = Guid.NewGuid().ToString(),
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ["payload"] = payload,
    };
}

Task PartAsync(long s, int p) => UploadAsync(Signal("updatePart", new JsonObject
{
    ["variant"] = new JsonObject { ["id"] = "v0" },
    ["segment"] = new JsonObject { ["sequence"] = s },
    ["part"] = new JsonObject { ["id"] = $"seg{s}.{p}.m4s", ["sequence"] = p, ["duration"] = 0.25, ["independent"] = p == 0, ["data"] = Convert.ToBase64String(partBytes) },
}));

Task SegmentAsync(long s) => UploadAsync(Signal("updateSegment", new JsonObject
{
    ["variant"] = new JsonObject { ["id"] = "v0" },
    ["segment"] = new JsonObject { ["id"] = $"seg{s}.m4s", ["sequence"] = s, ["duration"] = 1.0 },
}));

await UploadAsync(Signal("updateVariant", new JsonObject
{
    ["variant"] = new JsonObject { ["id"] = "v0", ["codecs"] = "avc1.64001f,mp4a.40.2", ["bandwidth"] = 800_000, ["targetDuration"] = 1, ["targetPartDuration"] = 0.25 },
    ["segment"] = new JsonObject { ["map"] = new JsonObject { ["id"] = "init.mp4", ["data"] = Convert.ToBase64String(partBytes[..1000]) } },
}));
for (var s = 0; s < 8; s++)
{
    for (var p = 0; p < 4; p++)
    {
        await PartAsync(s, p);
    }

    await SegmentAsync(s);
}

await PartAsync(8, 0);
var prefix = $"live/{User}/{room}/v0/";
var playlist = await host.Http.GetByteArrayAsync(prefix + "playlist.m3u8");
var part = await host.Http.GetByteArrayAsync(prefix + "seg7.3.m4s");

// nginx serves the very same bytes from disk.
var root = Path.Combine(Path.GetTempPath(), $"tributary-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(Path.Combine(root, "www", prefix));
await File.WriteAllBytesAsync(Path.Combine(root, "www", prefix, "playlist.m3u8"), playlist);
await File.WriteAllBytesAsync(Path.Combine(root, "www", prefix, "seg7.3.m4s"), part);
var nginxPort = FreePort.Get();
await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"), $$"""
    daemon off;
    worker_processes auto;
    pid {{root}}/nginx.pid;
    error_log {{root}}/error.log warn;
    events { worker_connections 4096; }
    http {
      access_log off;
      types { application/vnd.apple.mpegurl m3u8; video/iso.segment m4s; }
      client_body_temp_path {{root}}/tmp; proxy_temp_path {{root}}/tmp; fastcgi_temp_path {{root}}/tmp; uwsgi_temp_path {{root}}/tmp; scgi_temp_path {{root}}/tmp;
      keepalive_requests 1000000;
      server {
        listen 127.0.0.1:{{nginxPort}};
        root {{root}}/www;
        location / { add_header Cache-Control "public, max-age=1"; }
      }
    }
    """);
using var nginx = ExternalProcess.Start(ExternalProcess.Require("/usr/sbin/nginx", "nginx"), "-p", root, "-c", Path.Combine(root, "nginx.conf"));
try
{
    await ExternalProcess.WaitForPortAsync(nginxPort, TimeSpan.FromSeconds(10), nginx);
    var tributary = host.BaseUri;
    var nginxUri = new Uri($"http://127.0.0.1:{nginxPort}/");
    Console.WriteLine($"# {Environment.ProcessorCount} cores, {connections} connections, {seconds} s per run, playlist {playlist.Length} B, part {part.Length} B, edge cache {(edgeCache ? "on" : "off")}");
    foreach (var (name, path) in new[] { ("media playlist", prefix + "playlist.m3u8"), ("part", prefix + "seg7.3.m4s") })
    {
        await RequestsPerSecondAsync(tributary, path, 2, connections); // warm-up
        var ours = await RequestsPerSecondAsync(tributary, path, seconds, connections);
        var theirs = await RequestsPerSecondAsync(nginxUri, path, seconds, connections);
        Console.WriteLine(FormattableString.Invariant($"| {name} | {ours:F0} req/s | {theirs:F0} req/s | {ours / theirs:F2} |"));
    }

    await BlockedReleaseAsync();
}
finally
{
    // The whole tree: orphaned workers would hold the output pipes open and WaitForExitAsync would never return.
    nginx.Kill(entireProcessTree: true);
    await nginx.WaitForExitAsync();
    Directory.Delete(root, true);
}

async Task<double> RequestsPerSecondAsync(Uri baseUri, string path, int duration, int workers)
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers, UseProxy = false }) { BaseAddress = baseUri };
    var stop = Stopwatch.StartNew();
    long done = 0;
    var tasks = Enumerable.Range(0, workers).Select(async _ =>
    {
        var buffer = new byte[64 * 1024];
        while (stop.Elapsed.TotalSeconds < duration)
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0)
            {
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{baseUri}{path} answered {(int)response.StatusCode}");
            }

            Interlocked.Increment(ref done);
        }
    }).ToList();
    await Task.WhenAll(tasks);
    return done / stop.Elapsed.TotalSeconds;
}

// Viewers hold blocking reloads for the next part; the part is uploaded; each viewer's delay runs
// from the start of the upload to the arrival of its playlist.
async Task BlockedReleaseAsync()
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = viewers, UseProxy = false }) { BaseAddress = host.BaseUri };
    var factory = host.Services.GetRequiredService<IMeterFactory>();
    long held = 0;
    using var listener = new MeterListener
    {
        InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter.Scope, factory) && i.Name == "tributary.hls.requests.blocked")
            {
                l.EnableMeasurementEvents(i);
            }
        },
    };
    listener.SetMeasurementEventCallback<long>((_, delta, _, _) => Interlocked.Add(ref held, delta));
    listener.Start();
    var delays = new List<double>();
    long segment = 8;
    var nextPart = 1;
    for (var round = 0; round < 20; round++)
    {
        var query = FormattableString.Invariant($"{prefix}playlist.m3u8?_HLS_msn={segment}&_HLS_part={nextPart}");
        var clock = new Stopwatch();
        var requests = Enumerable.Range(0, viewers).Select(async _ =>
        {
            using var response = await client.GetAsync(query);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            return clock.Elapsed.TotalMilliseconds;
        }).ToList();
        while (Interlocked.Read(ref held) < viewers)
        {
            await Task.Delay(5);
        }

        clock.Start();
        await PartAsync(segment, nextPart);
        delays.AddRange(await Task.WhenAll(requests));
        if (++nextPart == 4)
        {
            await SegmentAsync(segment);
            segment++;
            nextPart = 0;
            await PartAsync(segment, nextPart++);
        }
    }

    delays.Sort();
    double Pct(double p) => delays[(int)Math.Min(delays.Count - 1, Math.Ceiling(p * delays.Count) - 1)];
    Console.WriteLine(FormattableString.Invariant($"blocked reload release, {viewers} viewers x {20} parts: p50 {Pct(0.5):F1} ms, p99 {Pct(0.99):F1} ms, max {delays[^1]:F1} ms (upload included)"));
}
