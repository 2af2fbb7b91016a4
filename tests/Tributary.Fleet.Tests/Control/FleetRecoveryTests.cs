using Tributary.Client;
using Tributary.Fleet.Placement;
using Tributary.Media.Munits;

namespace Tributary.Fleet.Tests.Control;

/// <summary>
/// Placement, drain and self-recovery through the real server and <c>/signal</c>, with munits whose reports the test
/// sends (so one can fall silent) and a fake fleet clock.
/// </summary>
public sealed class FleetRecoveryTests
{
    internal const string Offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtpmap:111 opus/48000/2\r\n";

    [Fact]
    public async Task A_draining_munit_gets_no_new_station_keeps_its_own_and_takes_stations_again_after_revive()
    {
        await using var fleet = await FleetHost.StartAsync();
        var a = await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b", downlinks: 100);
        await using var alice = await fleet.ConnectAsync("alice");
        var first = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(first, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(first, Offer)).Code);
        Assert.Contains($"OFFER {first} {alice.Session.SessionId} False", a.Calls);

        Assert.True((await fleet.Fleet.DrainAsync("m-a")).IsSuccess);

        // m-a is the least loaded, but draining: a new room's station goes to m-b.
        await using var carol = await fleet.ConnectAsync("carol");
        var second = Guid.NewGuid().ToString();
        Assert.Equal(200, (await carol.JoinAsync(second, RoomChannel.M2m, create: true)).Code);
        var offered = await carol.OfferAsync(second, Offer);
        Assert.Equal(200, offered.Code);
        Assert.Equal("v=0 answer-from-m-b", offered.Body.GetProperty("sdp").GetString());
        Assert.DoesNotContain(a.Calls, c => c.Contains(second, StringComparison.Ordinal));

        // Alice's station stays where it is while m-a drains: a renegotiation goes there.
        Assert.Equal(200, (await alice.OfferAsync(first, Offer)).Code);
        Assert.Equal(2, a.Calls.Count(c => c.StartsWith($"OFFER {first} {alice.Session.SessionId}", StringComparison.Ordinal)));
        Assert.DoesNotContain(b.Calls, c => c.Contains(first, StringComparison.Ordinal));

        Assert.True((await fleet.Fleet.ReviveAsync("m-a")).IsSuccess);
        await using var dave = await fleet.ConnectAsync("dave");
        var third = Guid.NewGuid().ToString();
        Assert.Equal(200, (await dave.JoinAsync(third, RoomChannel.M2m, create: true)).Code);
        Assert.Equal("v=0 answer-from-m-a", (await dave.OfferAsync(third, Offer)).Body.GetProperty("sdp").GetString());
    }

    [Fact]
    public async Task A_registry_activated_recently_learns_running_stations_from_munit_reports_and_later_reports_add_none()
    {
        await using var fleet = await FleetHost.StartAsync();
        var registry = fleet.Grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);
        var a = await fleet.AddMunitAsync("m-a");

        // As after a re-activation: the registry knows no station, the munit's Janus holds one.
        await a.ReportAsync(fleet.Clock.GetUtcNow(), held: [new MunitStation("room-1", "alice")]);
        Assert.Equal("m-a", (await registry.FindStationAsync("room-1", "alice"))?.MunitId);
        Assert.Equal(1, (await fleet.Fleet.MunitsAsync()).Single().Stations);

        // Past DeadAfter since activation: a station only in a report (e.g. read before its RELEASE) is not taken.
        fleet.Clock.Advance(TimeSpan.FromSeconds(3));
        await a.ReportAsync(fleet.Clock.GetUtcNow(), held: [new MunitStation("room-1", "alice")]);
        fleet.Clock.Advance(TimeSpan.FromSeconds(3));
        await a.ReportAsync(fleet.Clock.GetUtcNow(), held: [new MunitStation("room-1", "alice"), new MunitStation("room-2", "bob")]);

        Assert.Null(await registry.FindStationAsync("room-2", "bob"));
        Assert.Equal("m-a", (await registry.FindStationAsync("room-1", "alice"))?.MunitId);
        Assert.Equal(1, (await fleet.Fleet.MunitsAsync()).Single().Stations);
    }

    [Fact]
    public async Task With_every_munit_draining_an_offer_answers_500_and_places_nothing()
    {
        await using var fleet = await FleetHost.StartAsync();
        var a = await fleet.AddMunitAsync("m-a");
        Assert.True((await fleet.Fleet.DrainAsync("m-a")).IsSuccess);
        await using var alice = await fleet.ConnectAsync("alice");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);

        var offered = await alice.OfferAsync(rid, Offer);

        Assert.Equal(500, offered.Code);
        Assert.Contains("no active munit", offered.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(a.Calls);
        Assert.Equal(0, (await fleet.Fleet.MunitsAsync()).Single().Stations);
    }

    [Fact]
    public async Task A_munit_silent_for_DeadAfter_dies_its_station_moves_and_every_session_gets_RESTART_then_the_re_offer_lands_on_the_other_munit()
    {
        await using var fleet = await FleetHost.StartAsync();
        var a = await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b", downlinks: 10);
        await using var alice = await fleet.ConnectAsync("alice");
        await using var bob = await fleet.ConnectAsync("bob");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await bob.JoinAsync(rid, RoomChannel.M2m)).Code);
        Assert.Equal("v=0 answer-from-m-a", (await alice.OfferAsync(rid, Offer)).Body.GetProperty("sdp").GetString());
        Assert.Equal(200, (await bob.WatchAsync(rid, new SignalTarget(alice.Session.UserId, alice.Session.SessionId))).Code);
        Assert.Contains($"WATCH {rid} {bob.Session.SessionId} {alice.Session.SessionId}", a.Calls);

        // m-b keeps reporting; m-a falls silent for the default DeadAfter (5 s).
        fleet.Clock.Advance(TimeSpan.FromSeconds(5));
        await b.ReportAsync(fleet.Clock.GetUtcNow(), downlinks: 10);
        await fleet.Controller.StepAsync();

        foreach (var client in new[] { alice, bob })
        {
            var restart = await client.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(30));
            Assert.Equal(200, restart.Code);
            Assert.Equal(rid, restart.Body.GetProperty("rid").GetString());
            Assert.Equal(alice.Session.SessionId, restart.Body.GetProperty("id").GetString());
        }

        var munits = await fleet.Fleet.MunitsAsync();
        Assert.Equal(MunitState.Dead, munits.Single(m => m.MunitId == "m-a").State);
        Assert.Equal((1, 1), (munits.Single(m => m.MunitId == "m-b").Stations, munits.Single(m => m.MunitId == "m-b").Rooms));

        var reoffered = await alice.OfferAsync(rid, Offer, restarting: true);
        var rewatched = await bob.WatchAsync(rid, new SignalTarget(alice.Session.UserId, alice.Session.SessionId));

        Assert.Equal("v=0 answer-from-m-b", reoffered.Body.GetProperty("sdp").GetString());
        Assert.Contains($"OFFER {rid} {alice.Session.SessionId} True", b.Calls);
        Assert.Equal("v=0 offer-from-m-b", rewatched.Body.GetProperty("pps")[0].GetProperty("sdp").GetString());
    }

    [Fact]
    public async Task A_munit_reporting_its_Janus_restarting_is_dead_at_once_and_its_room_gets_RESTART()
    {
        await using var fleet = await FleetHost.StartAsync();
        var a = await fleet.AddMunitAsync("m-a");
        await fleet.AddMunitAsync("m-b", downlinks: 10);
        await using var alice = await fleet.ConnectAsync("alice");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, Offer)).Code);

        await a.ReportAsync(fleet.Clock.GetUtcNow(), janus: JanusHealth.Restarting);
        await fleet.Controller.StepAsync();

        var restart = await alice.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(30));
        Assert.Equal(alice.Session.SessionId, restart.Body.GetProperty("id").GetString());
        Assert.Equal(MunitState.Dead, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-a").State);
    }

    [Fact]
    public async Task Stop_moves_a_munits_stations_and_the_next_sweep_sends_RESTART()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b", downlinks: 10);
        await using var alice = await fleet.ConnectAsync("alice");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, Offer)).Code);

        Assert.True((await fleet.Fleet.StopAsync("m-a")).IsSuccess);
        await fleet.Controller.StepAsync();

        var restart = await alice.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(30));
        Assert.Equal(alice.Session.SessionId, restart.Body.GetProperty("id").GetString());
        Assert.Equal("v=0 answer-from-m-b", (await alice.OfferAsync(rid, Offer, restarting: true)).Body.GetProperty("sdp").GetString());
        Assert.Contains($"OFFER {rid} {alice.Session.SessionId} True", b.Calls);
    }
}
