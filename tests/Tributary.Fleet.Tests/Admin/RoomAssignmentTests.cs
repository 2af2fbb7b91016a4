using Tributary.Client;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Tests.Control;
using static Tributary.Fleet.Tests.Admin.FleetAdminTests;

namespace Tributary.Fleet.Tests.Admin;

/// <summary>assignRoom / unassignRoom (the original Assign and Unassign munit signals) on the real server with fake munits.</summary>
public sealed class RoomAssignmentTests
{
    private const string Assign = "mutation($room: ID!, $munit: ID!) { assignRoom(roomId: $room, munitId: $munit) { id status stations rooms assignedRooms } }";
    private const string Unassign = "mutation($room: ID!) { unassignRoom(roomId: $room) { id assignedRooms } }";

    [Fact]
    public async Task Assign_moves_the_rooms_station_releases_it_on_the_old_munit_sends_RESTART_and_places_new_stations_there_until_unassigned()
    {
        await using var fleet = await FleetHost.StartAsync();
        var a = await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b", downlinks: 10);
        var key = await fleet.CreateApiKeyAsync("fleet:admin");
        await using var alice = await fleet.ConnectAsync("alice");
        await using var bob = await fleet.ConnectAsync("bob");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await bob.JoinAsync(rid, RoomChannel.M2m)).Code);
        Assert.Equal("v=0 answer-from-m-a", (await alice.OfferAsync(rid, FleetRecoveryTests.Offer)).Body.GetProperty("sdp").GetString());

        var assigned = (await PostAsync(fleet, Assign, key, new { room = rid, munit = "m-b" })).GetProperty("data").GetProperty("assignRoom");
        await fleet.Controller.StepAsync();

        Assert.Equal(("m-b", 1, 1, 1), (assigned.GetProperty("id").GetString(), assigned.GetProperty("stations").GetInt32(), assigned.GetProperty("rooms").GetInt32(), assigned.GetProperty("assignedRooms").GetInt32()));
        Assert.Equal(0, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-a").Stations);
        Assert.Contains($"RELEASE {rid} {alice.Session.SessionId}", a.Calls);
        foreach (var client in new[] { alice, bob })
        {
            var restart = await client.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(30));
            Assert.Equal(alice.Session.SessionId, restart.Body.GetProperty("id").GetString());
        }

        Assert.Equal("v=0 answer-from-m-b", (await alice.OfferAsync(rid, FleetRecoveryTests.Offer, restarting: true)).Body.GetProperty("sdp").GetString());

        // A room assigned before it has a station: its first station goes to the assigned munit, though m-a is emptier.
        await using var carol = await fleet.ConnectAsync("carol");
        var fresh = Guid.NewGuid().ToString();
        Assert.Equal(200, (await carol.JoinAsync(fresh, RoomChannel.M2m, create: true)).Code);
        Assert.Equal("m-b", (await PostAsync(fleet, Assign, key, new { room = fresh, munit = "m-b" })).GetProperty("data").GetProperty("assignRoom").GetProperty("id").GetString());
        Assert.Equal("v=0 answer-from-m-b", (await carol.OfferAsync(fresh, FleetRecoveryTests.Offer)).Body.GetProperty("sdp").GetString());
        Assert.Equal(0, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-a").Stations);

        var unassigned = await PostAsync(fleet, Unassign, key, new { room = rid });
        var again = await PostAsync(fleet, Unassign, key, new { room = rid });

        Assert.Equal(("m-b", 1), (unassigned.GetProperty("data").GetProperty("unassignRoom").GetProperty("id").GetString(), unassigned.GetProperty("data").GetProperty("unassignRoom").GetProperty("assignedRooms").GetInt32()));
        Assert.Equal("NOT_FOUND", Code(again));
        Assert.Contains("not assigned", Message(again), StringComparison.Ordinal);
        Assert.Equal(2, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-b").Stations);
    }

    [Fact]
    public async Task Assign_to_an_unknown_draining_or_full_munit_or_with_a_blank_room_is_refused_with_its_code_and_changes_nothing()
    {
        await using var fleet = await FleetHost.StartAsync(["--Fleet:MaxStations=1"]);
        await fleet.AddMunitAsync("m-a");
        await fleet.AddMunitAsync("m-b");
        await fleet.AddMunitAsync("m-c");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");
        await using var alice = await fleet.ConnectAsync("alice");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, FleetRecoveryTests.Offer)).Code);
        var full = (await fleet.Fleet.MunitsAsync()).Single(m => m.Stations == 1).MunitId;
        await using var carol = await fleet.ConnectAsync("carol");
        var other = Guid.NewGuid().ToString();
        Assert.Equal(200, (await carol.JoinAsync(other, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await carol.OfferAsync(other, FleetRecoveryTests.Offer)).Code);
        var otherFull = (await fleet.Fleet.MunitsAsync()).Single(m => m.Stations == 1 && m.MunitId != full).MunitId;
        var free = new[] { "m-a", "m-b", "m-c" }.Single(id => id != full && id != otherFull);
        Assert.True((await fleet.Fleet.DrainAsync(free)).IsSuccess);
        var before = await fleet.Fleet.MunitsAsync();

        var unknown = await PostAsync(fleet, Assign, key, new { room = rid, munit = "no-such-munit" });
        var draining = await PostAsync(fleet, Assign, key, new { room = rid, munit = free });
        var noRoom = await PostAsync(fleet, Assign, key, new { room = rid, munit = otherFull });
        var blank = await PostAsync(fleet, Assign, key, new { room = " ", munit = full });
        var unscoped = await PostAsync(fleet, Assign, await fleet.CreateApiKeyAsync("rooms:read"), new { room = rid, munit = full });

        Assert.Equal("NOT_FOUND", Code(unknown));
        Assert.Equal("BAD_USER_INPUT", Code(draining));
        Assert.Contains("only an active munit takes a room", Message(draining), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", Code(noRoom));
        Assert.Contains("has no room for the 1 stations", Message(noRoom), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", Code(blank));
        Assert.Equal("FORBIDDEN", Code(unscoped));
        Assert.Equal(before, await fleet.Fleet.MunitsAsync());
        await fleet.Controller.StepAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => alice.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(2)));
    }
}
