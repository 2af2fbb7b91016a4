using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Grains;

[Collection(RoomsCollection.Name)]
public sealed class MembershipTests(RoomsHost rooms)
{
    [Fact]
    public async Task Leave_answers_rid_and_removes_the_member()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);

        var ack = await b.LeaveAsync(rid);

        Assert.Equal(200, ack.Code);
        Assert.Equal("LEAVE", ack.Signal);
        Assert.Equal(rid, ack.Body.Str("rid"));
        Assert.Equal(1, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
        var again = await b.HeartbeatAsync(rid, RoomChannel.M2m);
        Assert.Equal(4051, again.Code);
    }

    [Fact]
    public async Task Leave_of_the_last_member_ends_the_room()
    {
        var owner = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        await a.LeaveAsync(rid);

        Assert.Null(await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid));
        Assert.Equal(4001, (await a.JoinAsync(rid, RoomChannel.M2m)).Code);
    }

    [Fact]
    public async Task Leave_of_a_room_that_does_not_exist_answers_4001()
    {
        var user = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(user);

        var ack = await a.LeaveAsync(RoomsHost.NewRoomId(), RoomChannel.M2m);

        Assert.Equal(4001, ack.Code);
    }

    [Fact]
    public async Task Heartbeat_with_send_ack_answers_rid_bid_and_pps_with_roles()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.A2m, create: true);
        await b.JoinAsync(rid, RoomChannel.A2m);

        var ack = await b.HeartbeatAsync(rid);

        Assert.Equal(200, ack.Code);
        Assert.Equal("HEARTBEAT", ack.Signal);
        Assert.Equal(rid, ack.Body.Str("rid"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, ack.Body.GetProperty("bid").ValueKind);
        Assert.Equal("admin", ack.RoleOf(a.Session.SessionId));
        Assert.Equal([a.Session.SessionId], ack.PublisherSessions());
    }

    [Fact]
    public async Task Heartbeat_echoes_a_string_bid_as_sent_and_without_send_ack_answers_nothing()
    {
        var owner = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        var ss = $"{{\"userId\":\"{owner.Id}\",\"sessionId\":\"{a.Session.SessionId}\"}}";

        await a.SendRawAsync($"{{\"action\":\"heartbeat\",\"data\":{{\"s\":\"HEARTBEAT\",\"ch\":\"m2m\",\"ss\":{ss},\"rid\":\"{rid}\",\"bid\":\"quiet\",\"send_ack\":false}}}}");
        await a.SendRawAsync($"{{\"action\":\"heartbeat\",\"data\":{{\"s\":\"HEARTBEAT\",\"ch\":\"m2m\",\"ss\":{ss},\"rid\":\"{rid}\",\"bid\":\"hb-7\",\"send_ack\":true}}}}");
        var ack = await a.WaitForAsync(m => m.Signal == "HEARTBEAT");

        Assert.Equal("hb-7", ack.Body.Str("bid"));
        Assert.DoesNotContain(a.Inbox(), m => m.Signal == "HEARTBEAT");
    }

    [Fact]
    public async Task Heartbeat_for_a_missing_room_answers_4001()
    {
        var user = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(user);

        var ack = await a.HeartbeatAsync(RoomsHost.NewRoomId(), RoomChannel.P2m);

        Assert.Equal(4001, ack.Code);
    }

    [Fact]
    public async Task Publish_list_changed_reaches_every_member_with_profiles_when_a_publisher_updates()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        var created = await a.NextPublishListAsync(rid);
        await b.JoinAsync(rid, RoomChannel.M2m);

        var ack = await a.UpdateAsync(rid, video: false, audio: true);
        var atOwner = await a.NextPublishListAsync(rid);
        var atViewer = await b.NextPublishListAsync(rid);

        Assert.Equal(200, ack.Code);
        Assert.Equal([a.Session.SessionId], created.ListedSessions());
        foreach (var list in new[] { atOwner, atViewer })
        {
            Assert.Equal(200, list.Code);
            var p = Assert.Single(list.Body.Arr("pps"));
            Assert.Equal(owner.Id, p.Str("id"));
            Assert.Equal(owner.Username, p.Str("username"));
            Assert.Equal(owner.Fullname, p.Str("fullname"));
            Assert.Equal(owner.Avatar, p.Str("avatar"));
            Assert.Equal(a.Session.SessionId, p.Str("sessionId"));
            Assert.Equal("Web", p.Str("host"));
            Assert.Equal("stream", p.Str("category"));
            Assert.Equal("device-" + owner.Username, p.Str("deviceId"));
            Assert.False(p.GetProperty("video").GetBoolean());
            Assert.True(p.GetProperty("audio").GetBoolean());
        }
    }

    [Fact]
    public async Task Update_from_a_viewer_answers_4051_and_changes_nothing()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);

        var ack = await b.UpdateAsync(rid, true, true);

        Assert.Equal(4051, ack.Code);
        Assert.Equal([a.Session.SessionId], (await a.HeartbeatAsync(rid)).PublisherSessions());
    }

    [Fact]
    public async Task Owner_leaving_passes_ownership_to_the_oldest_remaining_publisher()
    {
        var owner = await rooms.CreateUserAsync();
        var second = await rooms.CreateUserAsync();
        var third = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(second);
        await using var c = await rooms.ConnectAsync(third);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);
        await c.JoinAsync(rid, RoomChannel.M2m);
        // c raises a hand first, then b: publisher order follows acceptance, not joining or asking.
        await c.PublishRequestAsync(rid);
        await b.PublishRequestAsync(rid);
        Assert.Equal(200, (await a.PublishAcceptAsync(rid, new SignalTarget(third.Id))).Code);
        Assert.Equal(200, (await a.PublishAcceptAsync(rid, new SignalTarget(second.Id))).Code);

        await a.LeaveAsync(rid);
        var list = await b.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && !m.ListedSessions().Contains(a.Session.SessionId));
        var state = await b.HeartbeatAsync(rid);

        Assert.Equal([c.Session.SessionId, b.Session.SessionId], list.ListedSessions());
        Assert.Equal("admin", state.RoleOf(c.Session.SessionId));
        Assert.Equal("publisher", state.RoleOf(b.Session.SessionId));
        Assert.Equal(third.Id, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.OwnerUserId);
    }
}
