using System.Security.Cryptography;
using Orleans;
using Orleans.Runtime;
using Tributary.Hosting;
using Tributary.Testing.Servers;

namespace Tributary.Testing;

/// <summary>
/// Several server nodes forming one Orleans cluster over a throwaway Redis, sharing one PostgreSQL
/// database and one signing key, as a production deployment would.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly RedisServer _redis;

    private TestCluster(RedisServer redis, List<TributaryTestHost> nodes, string[] sharedArgs, string connectionString)
    {
        _redis = redis;
        Nodes = nodes;
        SharedArgs = sharedArgs;
        ConnectionString = connectionString;
    }

    /// <summary>The running nodes.</summary>
    public List<TributaryTestHost> Nodes { get; }

    /// <summary>Configuration every node gets (Redis clustering, signing key).</summary>
    public string[] SharedArgs { get; }

    /// <summary>The shared database.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts <paramref name="count"/> nodes and waits until every one sees all as active.</summary>
    public static async Task<TestCluster> StartAsync(int count = 2, ServerRoles roles = ServerRoles.All, IEnumerable<string>? args = null)
    {
        var redis = await RedisServer.StartAsync();
        string[] shared =
        [
            "--Cluster:Provider=redis",
            $"--Cluster:RedisConnectionString={redis.ConnectionString}",
            $"--Cluster:ClusterId=test-{Guid.NewGuid():N}",
            $"--Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            .. args ?? [],
        ];
        var first = await TributaryTestHost.StartAsync(TestDatabase.Postgres, roles, shared);
        var nodes = new List<TributaryTestHost> { first };
        var cluster = new TestCluster(redis, nodes, shared, first.ConnectionString);
        for (var i = 1; i < count; i++)
        {
            await cluster.AddNodeAsync(roles);
        }

        await cluster.WaitForActiveSilosAsync(count);
        return cluster;
    }

    /// <summary>Starts one more node in the cluster.</summary>
    public Task<TributaryTestHost> AddNodeAsync(ServerRoles roles = ServerRoles.All) => AddNodeAsync(roles, []);

    /// <summary>Starts one more node with configuration of its own after the shared one (e.g. its munit id and ports).</summary>
    public async Task<TributaryTestHost> AddNodeAsync(ServerRoles roles, IEnumerable<string> args)
    {
        var node = await TributaryTestHost.StartAsync(TestDatabase.Postgres, roles, [.. SharedArgs, .. args], connectionString: ConnectionString);
        Nodes.Add(node);
        return node;
    }

    /// <summary>Stops a node (its silo leaves the cluster) and forgets it.</summary>
    public async Task StopNodeAsync(TributaryTestHost node)
    {
        Nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>Waits until every remaining node's cluster view shows exactly <paramref name="count"/> active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var node in Nodes)
        {
            var management = node.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            while ((await management.GetHosts(onlyActive: true)).Count != count)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(Nodes).ToList())
        {
            await node.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}
