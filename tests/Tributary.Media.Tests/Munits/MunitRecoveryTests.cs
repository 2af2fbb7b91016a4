using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Auth;
using Tributary.Client;
using Tributary.Data;
using Tributary.Fleet.Registry;
using Tributary.Hosting;
using Tributary.Media.Janus;
using Tributary.Media.Munits;
using Tributary.Media.Tests.Janus;
using Tributary.Media.Tests.Signaling;
using Tributary.Testing;

namespace Tributary.Media.Tests.Munits;

/// <summary>
/// Self-recovery across two munits (issue 10): a cluster of an <c>edge,api,control</c> node and two <c>media</c>
/// nodes, each with its own Janus. The munit holding a room's station is stopped; the fleet re-places the station
/// on the other munit and every session of the room gets RESTART; the publisher's re-OFFER lands there.
/// </summary>
public sealed class MunitRecoveryTests
{
    [Fact]
    public async Task When_the_munit_holding_a_station_stops_the_room_gets_RESTART_and_the_re_offer_lands_on_the_other_munit()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = "a-" + suffix;
        var second = "b-" + suffix;
        // The default Fleet:DeadAfter (5 s): the surviving munit reports straight to the registry, so the stopped
        // node's silo (which may have held the survivor's MunitGrain or directory entries) cannot make it silent.
        await using var cluster = await TestCluster.StartAsync(1, ServerRoles.Edge | ServerRoles.Api | ServerRoles.Control);
        var edge = cluster.Nodes[0];
        var registry = edge.GetRequiredService<IGrainFactory>().GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);
        var fleet = edge.GetRequiredService<IGrainFactory>().GetGrain<IFleetGrain>(0);

        // The registry lives on the control node (its first caller): the munits come after it.
        Assert.Empty(await fleet.MunitsAsync());
        var mediaA = await cluster.AddNodeAsync(ServerRoles.Media, MunitReportTests.JanusHostArgs(first, "46000-46499"));
        var mediaB = await cluster.AddNodeAsync(ServerRoles.Media, MunitReportTests.JanusHostArgs(second, "46500-46999"));
        await cluster.WaitForActiveSilosAsync(3);
        await Eventually.UntilAsync(fleet.MunitsAsync, l => l.Count(m => m.State == Fleet.Placement.MunitState.Active) == 2, "both munits active in the fleet");

        var alice = await ConnectAsync(edge, "alice");
        var bob = await ConnectAsync(edge, "bob");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await bob.JoinAsync(rid, RoomChannel.M2m)).Code);

        var offered = await alice.OfferAsync(rid, Sdp.Offer());
        Assert.True(offered.Code == 200, $"OFFER: {offered.Code} {offered.ErrorMessage}");

        // Both munits are empty: the tie goes to the smaller id.
        Assert.Equal(first, (await registry.FindStationAsync(rid, alice.Session.SessionId))?.MunitId);
        Assert.Equal([alice.Session.SessionId], await JanusInspection.StationsAsync(mediaA.GetRequiredService<JanusUnit>()));
        var janusB = mediaB.GetRequiredService<JanusUnit>();
        Assert.Empty(await JanusInspection.StationsAsync(janusB));

        await cluster.StopNodeAsync(mediaA);

        foreach (var client in new[] { alice, bob })
        {
            var restart = await client.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(180));
            Assert.Equal(200, restart.Code);
            Assert.Equal(rid, restart.Body.GetProperty("rid").GetString());
            Assert.Equal(alice.Session.SessionId, restart.Body.GetProperty("id").GetString());
        }

        var munits = await fleet.MunitsAsync();
        Assert.True(
            (await registry.FindStationAsync(rid, alice.Session.SessionId))?.MunitId == second,
            "station not on the second munit; munits: " + string.Join("; ", munits));
        Assert.Equal(Fleet.Placement.MunitState.Dead, munits.Single(m => m.MunitId == first).State);
        Assert.Equal(Fleet.Placement.MunitState.Active, munits.Single(m => m.MunitId == second).State);
        Assert.Equal(1, munits.Single(m => m.MunitId == second).Stations);

        var reoffered = await alice.OfferAsync(rid, Sdp.Offer(), restarting: true);

        Assert.True(reoffered.Code == 200, $"re-OFFER: {reoffered.Code} {reoffered.ErrorMessage}");
        Assert.Contains("m=video", reoffered.Body.GetProperty("sdp").GetString(), StringComparison.Ordinal);
        Assert.Equal([alice.Session.SessionId], await JanusInspection.StationsAsync(janusB));

        // The survivor keeps reporting and stays active well past DeadAfter after the other silo left.
        var reports = (await registry.ListAsync()).Single(s => s.MunitId == second).Reports;
        await Eventually.UntilAsync(registry.ListAsync, l => l.Single(s => s.MunitId == second).Reports >= reports + 7, "seven more reports from the surviving munit");
        Assert.Equal(Fleet.Placement.MunitState.Active, (await fleet.MunitsAsync()).Single(m => m.MunitId == second).State);
    }

    private static async Task<SignalClient> ConnectAsync(TributaryTestHost edge, string name)
    {
        var userId = await TestUsers.InsertAsync(edge.GetRequiredService<Database>(), name + "-" + Guid.NewGuid().ToString("N")[..8]);
        return await SignalClient.ConnectAsync(
            edge.BaseUri,
            edge.GetRequiredService<AccessTokens>().Issue(userId).Token,
            new SignalSession(userId, Guid.NewGuid().ToString(), Host: "Web"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false, AckTimeout = TimeSpan.FromSeconds(90) });
    }
}
