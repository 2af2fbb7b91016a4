using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Grains;

/// <summary>Raise-hand flow (PUBLISH_REQUEST / ACCEPT / REJECT) and KICK.</summary>
[Collection(RoomsCollection.Name)]
public sealed class PublishingTests(RoomsHost rooms)
{
    [Fact]
    public async Task Raise_hand_goes_to_the_owner_and_accept_promotes_the_viewer()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);

        var requested = await b.PublishRequestAsync(rid, video: true, audio: false);
        var atOwner = await a.WaitForAsync(m => m.Signal == "PUBLISH_REQUEST");
        var accepted = await a.PublishAcceptAsync(rid, new SignalTarget(viewer.Id, b.Session.SessionId));
        var atViewer = await b.WaitForAsync(m => m.Signal == "PUBLISH_ACCEPT");
        var list = await b.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && m.ListedSessions().Contains(b.Session.SessionId));

        Assert.Equal(200, requested.Code);
        Assert.False(atOwner.IsAck);
        Assert.Equal(viewer.Id, atOwner.Body.GetProperty("ss").Str("userId"));
        Assert.False(atOwner.Body.GetProperty("ae").GetBoolean());
        Assert.Equal(200, accepted.Code);
        Assert.False(atViewer.IsAck);
        Assert.Equal(owner.Id, atViewer.Body.GetProperty("ss").Str("userId"));
        Assert.Equal([a.Session.SessionId, b.Session.SessionId], list.ListedSessions());
        var state = await b.HeartbeatAsync(rid);
        Assert.Equal("publisher", state.RoleOf(b.Session.SessionId));
        Assert.Equal(200, (await b.UpdateAsync(rid, false, true)).Code);
    }

    [Fact]
    public async Task Reject_is_forwarded_and_the_viewer_stays_a_viewer()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.A2m, create: true);
        await b.JoinAsync(rid, RoomChannel.A2m);
        await b.PublishRequestAsync(rid);

        var rejected = await a.PublishRejectAsync(rid, new SignalTarget(viewer.Id));
        var atViewer = await b.WaitForAsync(m => m.Signal == "PUBLISH_REJECT");

        Assert.Equal(200, rejected.Code);
        Assert.Equal(rid, atViewer.Body.Str("rid"));
        Assert.Equal([a.Session.SessionId], (await b.HeartbeatAsync(rid)).PublisherSessions());
    }

    [Fact]
    public async Task Publish_request_from_a_publisher_answers_4023()
    {
        var owner = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        Assert.Equal(4023, (await a.PublishRequestAsync(rid)).Code);
    }

    [Fact]
    public async Task Accept_or_reject_of_someone_not_in_the_room_answers_4002()
    {
        var owner = await rooms.CreateUserAsync();
        var stranger = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        Assert.Equal(4002, (await a.PublishAcceptAsync(rid, new SignalTarget(stranger.Id))).Code);
        Assert.Equal(4002, (await a.PublishRejectAsync(rid, new SignalTarget(stranger.Id))).Code);
        Assert.Equal([a.Session.SessionId], (await a.HeartbeatAsync(rid)).PublisherSessions());
    }

    [Fact]
    public async Task Accept_by_anyone_but_the_owner_answers_4051_and_promotes_nobody()
    {
        var owner = await rooms.CreateUserAsync();
        var v1 = await rooms.CreateUserAsync();
        var v2 = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(v1);
        await using var c = await rooms.ConnectAsync(v2);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);
        await c.JoinAsync(rid, RoomChannel.M2m);

        var ack = await b.PublishAcceptAsync(rid, new SignalTarget(v2.Id));

        Assert.Equal(4051, ack.Code);
        Assert.Equal([a.Session.SessionId], (await a.HeartbeatAsync(rid)).PublisherSessions());
    }

    [Fact]
    public async Task A_tenth_publisher_is_refused_with_4025()
    {
        var owner = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        var viewers = new List<(TestUser User, SignalClient Client)>();
        try
        {
            for (var i = 0; i < 9; i++)
            {
                var user = await rooms.CreateUserAsync();
                var client = await rooms.ConnectAsync(user);
                viewers.Add((user, client));
                Assert.Equal(200, (await client.JoinAsync(rid, RoomChannel.M2m)).Code);
            }

            for (var i = 0; i < 8; i++)
            {
                Assert.Equal(200, (await a.PublishAcceptAsync(rid, new SignalTarget(viewers[i].User.Id))).Code);
            }

            var tenth = await a.PublishAcceptAsync(rid, new SignalTarget(viewers[8].User.Id));

            Assert.Equal(4025, tenth.Code);
            var state = await a.HeartbeatAsync(rid);
            Assert.Equal(9, state.PublisherSessions().Count);
            Assert.DoesNotContain(viewers[8].Client.Session.SessionId, state.PublisherSessions());
        }
        finally
        {
            foreach (var (_, client) in viewers)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Kick_removes_the_target_which_receives_the_kick_as_sent()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2m, create: true);
        await b.JoinAsync(rid, RoomChannel.P2m);

        var ack = await a.KickAsync(rid, new SignalTarget(viewer.Id));
        var kicked = await b.WaitForAsync(m => m.Signal == "KICK");

        Assert.Equal(200, ack.Code);
        Assert.False(kicked.IsAck);
        Assert.Equal(viewer.Id, kicked.Body.Str("to"));
        Assert.Equal(owner.Id, kicked.Body.GetProperty("ss").Str("userId"));
        Assert.Equal(4051, (await b.HeartbeatAsync(rid)).Code);
        Assert.Equal(1, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    [Fact]
    public async Task Kick_of_a_publisher_in_m2m_updates_the_publisher_list()
    {
        var owner = await rooms.CreateUserAsync();
        var other = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(other);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);
        await a.PublishAcceptAsync(rid, new SignalTarget(other.Id));

        var ack = await a.KickAsync(rid, new SignalTarget(other.Id, b.Session.SessionId));
        var list = await a.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && m.ListedSessions().Count == 1 && m.ListedSessions()[0] == a.Session.SessionId);

        Assert.Equal(200, ack.Code);
        Assert.Equal([a.Session.SessionId], list.ListedSessions());
        Assert.Equal([a.Session.SessionId], (await a.HeartbeatAsync(rid)).PublisherSessions());
    }

    [Fact]
    public async Task Kick_by_a_viewer_answers_4051_and_kick_of_a_stranger_answers_4002()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        var stranger = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);

        Assert.Equal(4051, (await b.KickAsync(rid, new SignalTarget(owner.Id))).Code);
        Assert.Equal(4002, (await a.KickAsync(rid, new SignalTarget(stranger.Id))).Code);
        Assert.Equal(2, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }
}
