using System.Diagnostics;
using Tributary.Testing.Servers;

namespace Tributary.Testing.Media;

/// <summary>
/// A media fleet of real processes in one <see cref="NetworkNamespace"/> (issue 10): a redis-server for Orleans
/// membership, one <c>edge,api,control</c> server without Janus (signals, the fleet registry and its sweep) and one
/// <c>tributary serve --roles media</c> process per munit, each with its own Janus, silo ports and RTP range, all on
/// one database (the control server's SQLite file). A munit can be killed (<c>kill -9</c> of the process and its
/// Janus) and new ones started.
/// </summary>
public sealed class NamespacedFleet : IAsyncDisposable
{
    private const int RedisPort = 6379;
    private const int RtpPortsPerMunit = 500;
    private readonly Process _redis;
    private readonly string[] _cluster;
    private readonly IReadOnlyList<string> _munitArgs;
    private readonly Dictionary<string, NamespacedServer> _munits = new(StringComparer.Ordinal);
    private int _slots;

    private NamespacedFleet(NetworkNamespace ns, Process redis, string[] cluster, IReadOnlyList<string> munitArgs)
    {
        Namespace = ns;
        _redis = redis;
        _cluster = cluster;
        _munitArgs = munitArgs;
    }

    /// <summary>The namespace everything runs in.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>The <c>edge,api,control</c> server: clients signal here.</summary>
    public NamespacedServer Control { get; private set; } = null!;

    /// <summary>The running munits by id.</summary>
    public IReadOnlyDictionary<string, NamespacedServer> Munits => _munits;

    /// <summary>
    /// Starts the namespace, Redis, the control server (with <paramref name="controlArgs"/>, e.g. <c>--Fleet:MaxStations=1</c>)
    /// and one media process per id in <paramref name="munitIds"/> (each with <paramref name="munitArgs"/>). With
    /// <paramref name="autoscale"/> the control server runs the autoscaler with the <c>process</c> provider, which starts
    /// and stops the munit processes itself (ids <c>proc{slot}-{n}</c>, in the namespace, joining this cluster).
    /// <paramref name="controlRoles"/> are the control server's roles (add <c>studio</c> for a studio node); it never runs a Janus.
    /// </summary>
    public static async Task<NamespacedFleet> StartAsync(IEnumerable<string> munitIds, IEnumerable<string>? controlArgs = null, IEnumerable<string>? munitArgs = null, bool autoscale = false, string controlRoles = "edge,api,control")
    {
        ArgumentNullException.ThrowIfNull(munitIds);
        var ns = NetworkNamespace.Create();
        Process? redis = null;
        NamespacedFleet? fleet = null;
        try
        {
            redis = ExternalProcess.Start("ip", "netns", "exec", ns.Name, ExternalProcess.Require("/usr/bin/redis-server", "redis-server"),
                "--port", $"{RedisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
            await WaitForRedisAsync(ns, redis);
            string[] cluster = ["--Cluster:Provider=redis", $"--Cluster:RedisConnectionString=127.0.0.1:{RedisPort}", $"--Cluster:ClusterId=fleet-{Guid.NewGuid():N}"];
            fleet = new NamespacedFleet(ns, redis, cluster, [.. munitArgs ?? []]);
            string[] provider = autoscale
                ? ["--Fleet:Autoscale:Enabled=true", "--Fleet:Autoscale:Provider=process", .. cluster.Concat(NamespacedServer.JanusArgs).Concat(munitArgs ?? []).Select((a, i) => $"--Fleet:Process:ExtraArguments:{i}={a}")]
                : [];
            fleet.Control = await NamespacedServer.StartAsync(ns, controlRoles, [.. cluster, "--Cluster:SiloPort=11111", "--Cluster:GatewayPort=30000", .. provider, .. controlArgs ?? []]);
            foreach (var id in munitIds)
            {
                await fleet.StartMunitAsync(id);
            }

            return fleet;
        }
        catch
        {
            if (fleet is not null)
            {
                await fleet.DisposeAsync();
            }
            else
            {
                redis?.Kill(true);
                ns.Dispose();
            }

            throw;
        }
    }

    /// <summary>Starts one more munit process (a new slot: its own HTTP, silo and gateway ports and RTP range).</summary>
    public async Task<NamespacedServer> StartMunitAsync(string id)
    {
        var slot = ++_slots;
        var rtp = 40000 + ((slot - 1) * RtpPortsPerMunit);
        var server = await NamespacedServer.StartAsync(Namespace, "media",
        [
            .. _cluster, $"--Cluster:SiloPort={11111 + slot}", $"--Cluster:GatewayPort={30000 + slot}",
            $"--Database:ConnectionString=Data Source={Path.Combine(Control.DataDir, "tributary.db")}",
            .. NamespacedServer.JanusArgs, $"--Media:Janus:RtpPortRange={rtp}-{rtp + RtpPortsPerMunit - 1}",
            $"--Media:Munit:Id={id}", .. _munitArgs,
        ], port: NamespacedServer.DefaultPort + slot);
        _munits[id] = server;
        return server;
    }

    /// <summary><c>kill -9</c> of the munit's process and its Janus; the munit is forgotten here.</summary>
    public async Task KillMunitAsync(string id)
    {
        var server = _munits[id];
        _munits.Remove(id);
        await server.KillAsync();
        await server.DisposeAsync();
    }

    /// <summary>
    /// The control server's output, then every munit's (for failure messages): the last <paramref name="lastLines"/>
    /// of each, without browser console lines and Janus's own chatter.
    /// </summary>
    public string Output(int lastLines = 150) =>
        string.Join('\n', new[] { ("control", Control) }.Concat(_munits.Select(m => (m.Key, m.Value)))
            .Where(s => s.Item2 is not null)
            .Select(s => $"--- {s.Item1} (last {lastLines} lines):\n" + string.Join('\n', s.Item2.Output.Split('\n')
                .Where(l => !l.StartsWith("page ", StringComparison.Ordinal) && !l.Contains("[janus]", StringComparison.Ordinal) && !l.Contains("Polly", StringComparison.Ordinal))
                .TakeLast(lastLines))));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var munit in _munits.Values)
        {
            await munit.DisposeAsync();
        }

        _munits.Clear();
        if (Control is not null)
        {
            await Control.DisposeAsync();
        }

        _redis.Kill(true);
        await _redis.WaitForExitAsync();
        _redis.Dispose();
        Namespace.Dispose();
    }

    private static async Task WaitForRedisAsync(NetworkNamespace ns, Process redis)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!ns.Exec("ss", "-Hltn", $"sport = :{RedisPort}").Contains($":{RedisPort}", StringComparison.Ordinal))
        {
            if (redis.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {redis.ExitCode}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("redis-server did not listen within 60 s");
            }

            await Task.Delay(100);
        }
    }
}
