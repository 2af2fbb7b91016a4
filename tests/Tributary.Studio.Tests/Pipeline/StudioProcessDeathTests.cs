using System.Diagnostics;
using Tributary.Studio.Tests.Support;
using Tributary.Testing.Media;
using Tributary.Testing.Servers;

namespace Tributary.Studio.Tests.Pipeline;

/// <summary>
/// Nothing of a live studio outlives its node's process: after <c>kill -9</c> of the server alone (not its tree), the
/// compositor, relay, ingest and packager processes it started die too (parent-death signal), so the destination
/// loses the publish instead of receiving a frozen program from orphans. A real server process in a network namespace.
/// </summary>
public sealed class StudioProcessDeathTests
{
    [Fact]
    public async Task Kill_9_of_the_studio_node_takes_every_pipeline_process_along_and_the_destination_loses_the_publish()
    {
        using var ns = NetworkNamespace.Create();
        await using var server = await NamespacedServer.StartAsync(ns, "all", ["--Studio:AllowPrivateAddresses=true"]);
        await using var nginx = await NginxRtmpServer.StartAsync(ns);
        var token = server.IssueToken(await server.CreateUserAsync("host"));
        var rid = (await NamespacedStudio.GraphQLAsync(server, token, "mutation { createRoom(type: M2M, title: \"kill\") { id } }", "createRoom")).GetProperty("id").GetString()!;
        var studioId = (await NamespacedStudio.GraphQLAsync(server, token, "mutation ($r: ID!) { createStudio(roomId: $r) { id } }", "createStudio", new { r = rid })).GetProperty("id").GetString()!;
        await NamespacedStudio.GraphQLAsync(server, token, "mutation ($s: ID!, $u: String!) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: \"kill-key\") { id } }", "addDestination", new { s = studioId, u = nginx.IngestUrl });
        await NamespacedStudio.GraphQLAsync(server, token, "mutation ($id: ID!) { goLive(id: $id) { id } }", "goLive", new { id = studioId });
        try
        {
            await Eventually.ReachAsync(nginx.PublishersAsync, p => p.ContainsKey("kill-key"), "the program published at nginx-rtmp");
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{server.Output}");
        }

        var pipeline = ProcessTree.Descendants(server.Pid).Where(p => ProcessTree.NameOf(p) is "ffmpeg" or "nginx").ToList();
        Assert.True(pipeline.Count(p => ProcessTree.NameOf(p) == "ffmpeg") >= 2, $"ffmpeg processes of the studio: {pipeline.Count}\n{server.Output}");

        using (var process = Process.GetProcessById(server.Pid))
        {
            process.Kill(entireProcessTree: false);
        }

        foreach (var pid in pipeline)
        {
            await Eventually.ReachAsync(() => Task.FromResult(ProcessTree.IsRunning(pid)), running => !running, $"{ProcessTree.NameOf(pid)} (pid {pid}) gone after kill -9 of the server", TimeSpan.FromSeconds(30));
        }

        await Eventually.ReachAsync(nginx.PublishersAsync, p => !p.ContainsKey("kill-key"), "the destination's publish ended", TimeSpan.FromSeconds(60));
    }
}
