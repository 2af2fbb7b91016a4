using System.Diagnostics;
using Tributary.Testing.Media;
using Tributary.Testing.Servers;

namespace Tributary.Media.Tests.Browser;

/// <summary>
/// Two real <c>tributary serve</c> processes in one network namespace, one Orleans cluster (Redis membership, a
/// redis-server inside the namespace) and one database (the same SQLite file): <c>edge,api</c> without Janus takes
/// the browsers' signals, <c>media</c> runs the munit. An m2m room is carried end to end across the two processes.
/// Runs in the browser collection, i.e. alone (it starts its own namespace, servers and Chromium).
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class TwoProcessMediaBrowserTests(MediaBrowserFixture fixture)
{
    private const int RedisPort = 6379;

    [Fact]
    public async Task An_m2m_room_signaled_on_the_edge_process_is_carried_by_Janus_of_the_media_process()
    {
        using var ns = NetworkNamespace.Create();
        using var redis = ExternalProcess.Start("ip", "netns", "exec", ns.Name, ExternalProcess.Require("/usr/bin/redis-server", "redis-server"),
            "--port", $"{RedisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        try
        {
            await WaitForRedisAsync(ns, redis);
            string[] cluster = ["--Cluster:Provider=redis", $"--Cluster:RedisConnectionString=127.0.0.1:{RedisPort}", $"--Cluster:ClusterId=two-{Guid.NewGuid():N}"];
            await using var edge = await NamespacedServer.StartAsync(ns, "edge,api", [.. cluster, "--Cluster:SiloPort=11111", "--Cluster:GatewayPort=30000", MediaBrowserFixture.PresenceTimeout]);
            var admin = new NamespacedJanusAdmin();
            await using var media = await NamespacedServer.StartAsync(ns, "media",
            [
                .. cluster, "--Cluster:SiloPort=11112", "--Cluster:GatewayPort=30001",
                $"--Database:ConnectionString=Data Source={Path.Combine(edge.DataDir, "tributary.db")}",
                .. NamespacedServer.JanusArgs, .. admin.Args,
            ], port: NamespacedServer.DefaultPort + 1);
            admin.Attach(media);
            Assert.Null(JanusUnder(edge.Pid));
            Assert.NotNull(JanusUnder(media.Pid));

            // A Chromium of this namespace (the collection's one lives in the shared fixture's namespace).
            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            await using var browser = await NamespacedChromium.LaunchAsync(playwright, ns, edge.DataDir);
            var html = fixture.Html;
            await using var a = new RoomPage(await NamespacedChromium.OpenPageAsync(browser, edge, html, "alice"), edge, "alice", await edge.CreateUserAsync("alice"), Guid.NewGuid().ToString());
            await using var b = new RoomPage(await NamespacedChromium.OpenPageAsync(browser, edge, html, "bob"), edge, "bob", await edge.CreateUserAsync("bob"), Guid.NewGuid().ToString());
            var context = BrowserContext.Of(edge, a, b);
            var rid = Guid.NewGuid().ToString();

            // The munit reports to the cluster every second; until the edge's registry lists it, OFFER answers 500.
            Assert.Equal(200, (await a.JoinAsync(rid, "m2m", create: true)).C);
            var published = await Eventually.WaitAsync(() => a.PublishAsync(codec: "VP8"), r => r.C == 200, "A's OFFER answered by the media process", context);
            Assert.Contains("a=candidate", published.Answer!, StringComparison.Ordinal);
            await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);

            var joined = await b.JoinAsync(rid, "m2m", create: false);
            Assert.True(joined is { C: 200, Answers: [200] }, $"JOIN answered {joined.C} {joined.Msg}\n{await context()}");
            await M2mBrowserTests.DecodesAsync(b, a, "VP8", context);
            var held = await admin.HandlesAsync();
            Assert.Single(held, h => h.Type == "publisher" && h.Feed == a.SessionId);
            Assert.Single(held, h => h.Type == "subscriber" && h.Feed == a.SessionId);

            Assert.Equal(200, await b.LeaveAsync());
            await Eventually.WaitAsync(async () => (await admin.HandlesAsync()).Count(h => h.Feed == a.SessionId), n => n == 1, "B's downlink released on the media process", context);
        }
        finally
        {
            redis.Kill(true);
            await redis.WaitForExitAsync();
        }
    }

    internal static async Task WaitForRedisAsync(NetworkNamespace ns, Process redis)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!ns.Exec("ss", "-Hltn", $"sport = :{RedisPort}").Contains($":{RedisPort}", StringComparison.Ordinal))
        {
            Assert.False(redis.HasExited, $"redis-server exited with {(redis.HasExited ? redis.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, "redis-server did not listen within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The pid of a <c>janus</c> process below <paramref name="root"/>, if any.</summary>
    private static int? JanusUnder(int root)
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    names[pid] = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        foreach (var (pid, name) in names)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && parent > 1; p = parent)
            {
                if (name == "janus" && parent == root)
                {
                    return pid;
                }
            }
        }

        return null;
    }
}
