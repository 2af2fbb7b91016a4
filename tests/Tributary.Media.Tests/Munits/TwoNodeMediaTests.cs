using Microsoft.Extensions.DependencyInjection;
using Tributary.Auth;
using Tributary.Client;
using Tributary.Data;
using Tributary.Hosting;
using Tributary.Media.Janus;
using Tributary.Media.Munits;
using Tributary.Media.Tests.Janus;
using Tributary.Media.Tests.Signaling;
using Tributary.Testing;

namespace Tributary.Media.Tests.Munits;

/// <summary>
/// Two silos of one cluster (Redis membership, shared PostgreSQL): an <c>edge,api</c> node without Janus and a
/// <c>media</c> node with its munit. A room's signals arrive at the edge; its media goes to the media node's Janus.
/// </summary>
public sealed class TwoNodeMediaTests
{
    [Fact]
    public async Task An_offer_sent_to_an_edge_node_is_answered_by_Janus_on_the_media_node_and_leave_releases_it_there()
    {
        var munitId = "munit-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await TestCluster.StartAsync(1, ServerRoles.Edge | ServerRoles.Api, MunitReportTests.JanusHostArgs(munitId, "45500-45999"));
        var edge = cluster.Nodes[0];
        var media = await cluster.AddNodeAsync(ServerRoles.Media);
        await cluster.WaitForActiveSilosAsync(2);
        var janus = media.GetRequiredService<JanusUnit>();
        Assert.Null(edge.Services.GetService<JanusUnit>());
        Assert.IsType<ClusterMediaEngine>(edge.GetRequiredService<Tributary.Media.Engine.IMediaEngine>());
        var registry = edge.GetRequiredService<IGrainFactory>().GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);
        await Eventually.UntilAsync(registry.ListAsync, l => l.Any(s => s.MunitId == munitId && s.Last is { Janus: JanusHealth.Healthy, Engine: not null }), "the media node's munit listed as healthy");

        var userId = await TestUsers.InsertAsync(edge.GetRequiredService<Database>(), "alice-" + Guid.NewGuid().ToString("N")[..8]);
        await using var alice = await SignalClient.ConnectAsync(
            edge.BaseUri,
            edge.GetRequiredService<AccessTokens>().Issue(userId).Token,
            new SignalSession(userId, Guid.NewGuid().ToString(), Host: "Web"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false, AckTimeout = TimeSpan.FromSeconds(90) });
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);

        var offered = await alice.OfferAsync(rid, Sdp.Offer());

        Assert.True(offered.Code == 200, $"OFFER through the edge: {offered.Code} {offered.ErrorMessage}");
        var answer = offered.Body.GetProperty("sdp").GetString()!;
        Assert.Contains("m=video", answer, StringComparison.Ordinal);
        Assert.Contains("a=candidate", answer, StringComparison.Ordinal);
        Assert.Equal([alice.Session.SessionId], await JanusInspection.StationsAsync(janus));
        var placement = await registry.FindStationAsync(rid, alice.Session.SessionId);
        Assert.Equal(munitId, placement?.MunitId);

        Assert.Equal(200, (await alice.LeaveAsync(rid)).Code);
        await Eventually.UntilAsync(() => JanusInspection.StationsAsync(janus), s => s.Count == 0, "the station released on the media node");
    }
}
