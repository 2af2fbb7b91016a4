using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Presence;

/// <summary>Presence on the fake room clock: this class owns its server, so advancing time touches only its rooms.</summary>
public sealed class PresenceTests : IClassFixture<RoomsHost>
{
    private readonly RoomsHost _rooms;

    public PresenceTests(RoomsHost rooms) => _rooms = rooms;

    [Fact]
    public async Task A_session_silent_for_over_10_s_is_removed_as_if_it_left_and_ownership_passes_on()
    {
        var owner = await _rooms.CreateUserAsync();
        var second = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(owner);
        await using var b = await _rooms.ConnectAsync(second);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);
        await b.PublishRequestAsync(rid);
        await a.PublishAcceptAsync(rid, new SignalTarget(second.Id));

        // b heartbeats every 3 s; a falls silent.
        for (var i = 0; i < 4; i++)
        {
            _rooms.Clock.Advance(TimeSpan.FromSeconds(3));
            Assert.Equal(200, (await b.HeartbeatAsync(rid)).Code);
        }

        var list = await b.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && !m.ListedSessions().Contains(a.Session.SessionId));
        var state = await b.HeartbeatAsync(rid);

        Assert.Equal([b.Session.SessionId], list.ListedSessions());
        Assert.Equal("admin", state.RoleOf(b.Session.SessionId));
        Assert.Equal(4051, (await a.HeartbeatAsync(rid)).Code);
        var snapshot = await _rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid);
        Assert.Equal(1, snapshot!.MemberCount);
        Assert.Equal(second.Id, snapshot.OwnerUserId);
    }

    [Fact]
    public async Task A_session_heartbeating_every_3_s_stays()
    {
        var owner = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2m, create: true);

        for (var i = 0; i < 10; i++)
        {
            _rooms.Clock.Advance(TimeSpan.FromSeconds(3));
            Assert.Equal(200, (await a.HeartbeatAsync(rid)).Code);
        }

        Assert.Equal(1, (await _rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    [Fact]
    public async Task When_every_session_falls_silent_the_room_ends()
    {
        var owner = await _rooms.CreateUserAsync();
        var viewer = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(owner);
        await using var b = await _rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.A2m, create: true);
        await b.JoinAsync(rid, RoomChannel.A2m);
        // A third session watches the room end from outside: its JOIN gets 4001 once the room is gone.
        var watcher = await _rooms.CreateUserAsync();
        await using var w = await _rooms.ConnectAsync(watcher);

        _rooms.Clock.Advance(TimeSpan.FromSeconds(11));
        await WaitUntilAsync(async () => await _rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid) is null);

        Assert.Equal(4001, (await w.JoinAsync(rid, RoomChannel.A2m)).Code);
    }

    [Fact]
    public async Task An_unanswered_p2p_call_ends_after_30_s_and_the_caller_is_told_4003()
    {
        var caller = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(caller);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);

        // The caller keeps heartbeating; nobody answers.
        for (var i = 0; i < 11; i++)
        {
            _rooms.Clock.Advance(TimeSpan.FromSeconds(3));
            var beat = await a.HeartbeatAsync(rid);
            if (beat.Code != 200)
            {
                break;
            }
        }

        var ended = await a.WaitForAsync(m => m.Signal == "LEAVE" && m.Code == 4003 && m.RoomId == rid);

        Assert.False(string.IsNullOrEmpty(ended.ErrorMessage));
        Assert.Null(await _rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid));
    }

    [Fact]
    public async Task An_answered_p2p_call_does_not_time_out()
    {
        var caller = await _rooms.CreateUserAsync();
        var callee = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(caller);
        await using var b = await _rooms.ConnectAsync(callee);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);
        await b.JoinAsync(rid, RoomChannel.P2p);

        for (var i = 0; i < 12; i++)
        {
            _rooms.Clock.Advance(TimeSpan.FromSeconds(3));
            Assert.Equal(200, (await a.HeartbeatAsync(rid)).Code);
            Assert.Equal(200, (await b.HeartbeatAsync(rid)).Code);
        }

        Assert.Equal(2, (await _rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    /// <summary>The sweep runs as a grain call started by the clock: wait for its effect (bounded), not for time.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("condition not reached within 5 s");
    }
}
