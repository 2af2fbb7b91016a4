using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Hosting;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Placement;
using Tributary.Studio.Tests.Support;
using Tributary.Testing;
using Tributary.Testing.Servers;
using Xunit.Abstractions;

namespace Tributary.Studio.Tests.Cluster;

/// <summary>
/// Two api+studio nodes in one Orleans cluster (Redis clustering) sharing one PostgreSQL database: goLive lands on the
/// least-loaded studio node whichever node answers it, every other operation reaches the node that runs the studio,
/// a full cluster refuses goLive with STUDIO_CAPACITY, and a studio node that goes away has its studios taken over by
/// the other node (the nginx-rtmp destination receives the program again).
/// </summary>
public sealed class StudioPlacementTests(ITestOutputHelper output)
{
    private const ServerRoles Roles = ServerRoles.Api | ServerRoles.Edge | ServerRoles.Studio;
    private const string GoLive = "mutation ($id: ID!) { goLive(id: $id) { id live ingestUrl } }";
    private const string SetScene = "mutation ($s: ID!, $l: StudioLayout!, $st: [String!]!) { setScene(studioId: $s, layout: $l, stage: $st) { id } }";
    private const string AddDestination = "mutation ($s: ID!, $u: String!, $key: String) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: $key) { id } }";

    private static string[] Args(params string[] more) =>
    [
        "--Studio:AllowPrivateAddresses=true",
        $"--Studio:StreamKeyEncryptionKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        .. more,
    ];

    [Fact]
    public async Task GoLive_lands_on_the_less_loaded_studio_node_routes_every_operation_there_and_answers_STUDIO_CAPACITY_when_every_node_is_full()
    {
        await using var cluster = await TestCluster.StartAsync(2, Roles, Args("--Studio:MaxLiveStudios=1"));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await WaitForStudioNodesAsync(a, 2);
        var onA = await StudioClient.SignInAsync(a, "owner");
        var onB = onA.On(b);
        var roomId = await onA.CreateRoomAsync();
        var first = await onA.CreateStudioAsync(roomId);
        var second = await onA.CreateStudioAsync(roomId);
        var third = await onA.CreateStudioAsync(roomId);

        // Both nodes are empty: the first lands on one of them; the second, asked through the same node, on the other.
        Assert.True((await onA.DataAsync(GoLive, "goLive", new { id = first })).GetProperty("live").GetBoolean());
        var firstNode = RunningNode(cluster, first);
        Assert.True((await onA.DataAsync(GoLive, "goLive", new { id = second })).GetProperty("live").GetBoolean());
        var secondNode = RunningNode(cluster, second);
        Assert.NotSame(firstNode, secondNode);
        Assert.Equal(NodeId(firstNode), await RecordedNodeAsync(onA, first));
        Assert.Equal(NodeId(secondNode), await RecordedNodeAsync(onA, second));

        // Both full (MaxLiveStudios 1): refused with its code, through either node, and nothing is started or written.
        var studiosBefore = await onA.SnapshotAsync("studios");
        var outboxBefore = await onA.CountAsync("SELECT COUNT(*) FROM outbox");
        foreach (var client in new[] { onA, onB })
        {
            var refused = await client.PostAsync(GoLive, new { id = third });
            Assert.True(GraphQLErrors.First(refused).Code == "STUDIO_CAPACITY", refused.ToString());
        }

        Assert.Equal(studiosBefore, await onA.SnapshotAsync("studios"));
        Assert.Equal(outboxBefore, await onA.CountAsync("SELECT COUNT(*) FROM outbox"));
        Assert.Equal([1, 1], cluster.Nodes.Select(n => n.GetRequiredService<StudioSessions>().Count));
        Assert.False((await onA.StudioAsync(third)).GetProperty("live").GetBoolean());

        // Through the node that does not run it: studio(id) shows the live status from the node that does, and
        // setScene reaches that node's compositor.
        var otherThanFirst = ReferenceEquals(firstNode, a) ? onB : onA;
        var seen = await otherThanFirst.StudioAsync(first);
        Assert.True(seen.GetProperty("live").GetBoolean());
        Assert.StartsWith("srt://127.0.0.1:", seen.GetProperty("ingestUrl").GetString(), StringComparison.Ordinal);
        var runs = firstNode.GetRequiredService<StudioSessions>().CompositorRuns(first);
        await otherThanFirst.DataAsync(SetScene, "setScene", new { s = first, l = "SIDE_BY_SIDE", st = new[] { "ingest", "nobody" } });
        await Eventually.ReachAsync(() => Task.FromResult(firstNode.GetRequiredService<StudioSessions>().CompositorRuns(first)), r => r > runs, "the scene to reach the running node");

        // endLive through the node that does not run it stops it there; the freed node takes the third studio.
        var otherThanSecond = ReferenceEquals(secondNode, a) ? onB : onA;
        Assert.False((await otherThanSecond.DataAsync("mutation ($id: ID!) { endLive(id: $id) { live } }", "endLive", new { id = second })).GetProperty("live").GetBoolean());
        Assert.False(secondNode.GetRequiredService<StudioSessions>().IsLive(second));
        Assert.Null(await RecordedNodeAsync(onA, second));
        var freed = await Eventually.ReachAsync(() => onA.PostAsync(GoLive, new { id = third }), r => GraphQLErrors.First(r).Code is null, "goLive once a node has room", TimeSpan.FromSeconds(60));
        Assert.True(freed.GetProperty("data").GetProperty("goLive").GetProperty("live").GetBoolean());
        Assert.Same(secondNode, RunningNode(cluster, third));
        Assert.Equal(3, await onA.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.live'"));
    }

    [Fact]
    public async Task When_the_studio_node_running_a_live_studio_goes_away_the_other_node_takes_it_over_and_the_destination_receives_the_program_again()
    {
        await using var nginx = await NginxRtmpServer.StartAsync();
        await using var cluster = await TestCluster.StartAsync(2, Roles, Args("--Studio:NodeDeadAfter=00:00:03", "--Studio:RetryDelay=00:00:00.500", "--Studio:MaxRetryDelay=00:00:02"));
        await WaitForStudioNodesAsync(cluster.Nodes[0], 2);
        var owner = await StudioClient.SignInAsync(cluster.Nodes[0], "owner");
        var roomId = await owner.CreateRoomAsync();
        var studioId = await owner.CreateStudioAsync(roomId);
        await owner.DataAsync(AddDestination, "addDestination", new { s = studioId, u = nginx.IngestUrl, key = "moving" });
        await owner.DataAsync(SetScene, "setScene", new { s = studioId, l = "SOLO", st = new[] { "ingest" } });
        await owner.DataAsync(GoLive, "goLive", new { id = studioId });
        var running = RunningNode(cluster, studioId);
        var survivor = cluster.Nodes.Single(n => !ReferenceEquals(n, running));
        var onSurvivor = owner.On(survivor);
        await Eventually.ReachAsync(() => onSurvivor.StudioAsync(studioId), s => State(s) == "LIVE", "the destination LIVE (seen through the other node)");
        var before = (await nginx.PublishersAsync())["moving"];

        // The node goes away: it stops its pipelines without ending the studio and leaves the registry.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cluster.StopNodeAsync(running);
        var stopped = clock.Elapsed;

        await Eventually.ReachAsync(() => Task.FromResult(survivor.GetRequiredService<StudioSessions>().IsLive(studioId)), live => live, "the studio to run on the other node", TimeSpan.FromSeconds(90));
        var started = clock.Elapsed;
        var moved = await Eventually.ReachAsync(() => onSurvivor.StudioAsync(studioId), s => State(s) == "LIVE", "the destination LIVE again from the other node");
        output.WriteLine($"measured: node stopped after {stopped.TotalSeconds:F1} s, studio running on the survivor after {started.TotalSeconds:F1} s, destination LIVE after {clock.Elapsed.TotalSeconds:F1} s (0.5 s polling)");
        Assert.True(moved.GetProperty("live").GetBoolean());
        var after = await Eventually.ReachAsync(async () => (await nginx.PublishersAsync()).GetValueOrDefault("moving"), id => id is not null, "nginx to have a publisher again");
        Assert.NotEqual(before, after);
        var streams = await Ffmpeg.ProbeAsync(nginx.IngestUrl + "/moving");
        Assert.Contains(("h264", 1280, 720), streams);
        Assert.Contains(streams, s => s.Codec == "aac");
        Assert.Equal(NodeId(survivor), await RecordedNodeAsync(onSurvivor, studioId));

        // The program's LL-HLS output goes on under the same path, served by the surviving node.
        var hlsPath = (await onSurvivor.DataAsync("query ($id: ID!) { studio(id: $id) { hlsUrl } }", "studio", new { id = studioId })).GetProperty("hlsUrl").GetString()!;
        Assert.Equal($"/live/{studioId}/{roomId}/playlist.m3u8", hlsPath);
        var media = ProgramPlaylist.MediaPath(hlsPath);
        var playlist = await ProgramPlaylist.WaitAsync(survivor.Http, media, p => ProgramPlaylist.HasSegmentsAndParts(p) && !p.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal), "the program playlist on the surviving node");
        var segment = ProgramPlaylist.LastSegment(playlist);
        await ProgramPlaylist.WaitAsync(survivor.Http, media, p => ProgramPlaylist.HasSegmentsAndParts(p) && ProgramPlaylist.LastSegment(p) >= segment + 2, "the program playlist to advance after the move");
        Assert.Equal(1, await onSurvivor.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.live'"));
        Assert.Equal(1, await onSurvivor.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.moved'"));
        Assert.Equal(0, await onSurvivor.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.ended'"));

        // It is still driven as usual: endLive stops the push.
        await onSurvivor.DataAsync("mutation ($id: ID!) { endLive(id: $id) { live } }", "endLive", new { id = studioId });
        Assert.False(survivor.GetRequiredService<StudioSessions>().IsLive(studioId));
        await Eventually.ReachAsync(async () => (await nginx.PublishersAsync()).Count, n => n == 0, "the push to stop");
    }

    [Fact]
    public async Task GoLive_on_an_api_only_node_runs_the_studio_on_a_studio_only_node()
    {
        await using var cluster = await TestCluster.StartAsync(1, ServerRoles.Api | ServerRoles.Edge, Args());
        var worker = await cluster.AddNodeAsync(ServerRoles.Studio);
        await cluster.WaitForActiveSilosAsync(2);
        var api = cluster.Nodes[0];
        await WaitForStudioNodesAsync(api, 1);
        var owner = await StudioClient.SignInAsync(api, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());

        var live = await owner.DataAsync(GoLive, "goLive", new { id = studioId });

        Assert.True(live.GetProperty("live").GetBoolean());
        Assert.StartsWith("srt://127.0.0.1:", live.GetProperty("ingestUrl").GetString(), StringComparison.Ordinal);
        Assert.Null(api.Services.GetService<StudioSessions>());
        Assert.True(worker.GetRequiredService<StudioSessions>().IsLive(studioId));
        Assert.Equal(NodeId(worker), await RecordedNodeAsync(owner, studioId));
        Assert.False((await owner.DataAsync("mutation ($id: ID!) { endLive(id: $id) { live } }", "endLive", new { id = studioId })).GetProperty("live").GetBoolean());
        Assert.False(worker.GetRequiredService<StudioSessions>().IsLive(studioId));
    }

    [Fact]
    public async Task A_live_studio_whose_node_went_silent_is_restarted_on_a_live_studio_node_from_its_stored_destinations()
    {
        await using var nginx = await NginxRtmpServer.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, Roles, Args());
        var owner = await StudioClient.SignInAsync(host, "owner");
        var roomId = await owner.CreateRoomAsync();
        var studioId = await owner.CreateStudioAsync(roomId);
        await owner.DataAsync(AddDestination, "addDestination", new { s = studioId, u = nginx.IngestUrl, key = "orphan" });

        // A node that crashed looks like this to the cluster: it reported (once, here), its studio is recorded live on
        // it, and then it says nothing more. Its observer does nothing: nobody may rely on a dead node.
        var grains = host.GetRequiredService<IGrainFactory>();
        var ghost = new SilentStudioNode();
        var reference = grains.CreateObjectReference<IStudioNode>(ghost);
        var registry = grains.GetGrain<IStudioRegistryGrain>(IStudioRegistryGrain.Key);
        await registry.ReportAsync(new StudioNodeReport("ghost-node", reference, [studioId], 4, TimeSpan.FromSeconds(2)));
        await using (var connection = await host.Services.GetRequiredService<Tributary.Data.Database>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE studios SET live_since = 1, node_id = 'ghost-node' WHERE id = @studioId", new { studioId });
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.ReachAsync(() => Task.FromResult(host.GetRequiredService<StudioSessions>().IsLive(studioId)), live => live, "the studio to start on the live node", TimeSpan.FromSeconds(90));
        output.WriteLine($"measured: studio running on the live node {clock.Elapsed.TotalSeconds:F1} s after the dead node's only report (NodeDeadAfter 2 s, registry settling 5 s; 0.5 s polling)");
        Assert.DoesNotContain(await registry.LoadsAsync(), l => l.NodeId == "ghost-node");
        Assert.Null(await registry.NodeAsync("ghost-node"));
        Assert.Equal(NodeId(host), await RecordedNodeAsync(owner, studioId));
        var moved = await Eventually.ReachAsync(() => owner.StudioAsync(studioId), s => State(s) == "LIVE", "the destination LIVE from the live node");
        Assert.True(moved.GetProperty("live").GetBoolean());
        Assert.Contains(("h264", 1280, 720), await Ffmpeg.ProbeAsync(nginx.IngestUrl + "/orphan"));
        Assert.Equal(1, await owner.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'studio.moved'"));
        Assert.Equal(0, ghost.Calls);
        grains.DeleteObjectReference<IStudioNode>(reference);
    }

    private static async Task WaitForStudioNodesAsync(TributaryTestHost host, int count)
    {
        var registry = host.GetRequiredService<IGrainFactory>().GetGrain<IStudioRegistryGrain>(IStudioRegistryGrain.Key);
        await Eventually.ReachAsync(async () => (await registry.LoadsAsync()).Count, n => n == count, $"{count} studio nodes in the registry", TimeSpan.FromSeconds(60));
    }

    private static TributaryTestHost RunningNode(TestCluster cluster, string studioId) =>
        cluster.Nodes.Single(n => n.GetRequiredService<StudioSessions>().IsLive(studioId));

    private static string NodeId(TributaryTestHost host) => host.GetRequiredService<StudioNode>().NodeId;

    private static async Task<string?> RecordedNodeAsync(StudioClient client, string studioId)
    {
        await using var connection = await client.Host.Services.GetRequiredService<Tributary.Data.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string?>(connection, "SELECT node_id FROM studios WHERE id = @studioId", new { studioId });
    }

    private static string State(JsonElement studio) =>
        string.Join(',', studio.GetProperty("destinations").EnumerateArray().Select(d => d.GetProperty("state").GetString()));
}
