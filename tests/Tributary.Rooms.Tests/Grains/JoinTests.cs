using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Grains;

[Collection(RoomsCollection.Name)]
public sealed class JoinTests(RoomsHost rooms)
{
    [Theory]
    [InlineData(RoomChannel.M2m)]
    [InlineData(RoomChannel.A2m)]
    [InlineData(RoomChannel.P2m)]
    [InlineData(RoomChannel.P2p)]
    public async Task Join_with_roomCreating_creates_the_room_with_the_creator_as_admin(RoomChannel channel)
    {
        var user = await rooms.CreateUserAsync();
        await using var client = await rooms.ConnectAsync(user);
        var rid = RoomsHost.NewRoomId();

        var ack = await client.JoinAsync(rid, channel, create: true);

        Assert.Equal(200, ack.Code);
        Assert.Equal("JOIN", ack.Signal);
        Assert.Equal(rid, ack.Body.Str("rid"));
        Assert.Equal("admin", ack.Body.Str("pt"));
        Assert.Equal("native", ack.Body.Str("eg"));
        var publisher = Assert.Single(ack.Body.Arr("pps"));
        Assert.Equal(client.Session.SessionId, publisher.Str("id"));
        Assert.Equal(user.Id, publisher.Str("userId"));
        Assert.Equal("admin", publisher.Str("role"));
        Assert.Equal("Web", publisher.Str("host"));
        Assert.Equal("stream", publisher.Str("category"));
        Assert.Equal("device-" + user.Username, publisher.Str("deviceId"));
        Assert.Equal(channel != RoomChannel.A2m, publisher.GetProperty("video").GetBoolean());
        Assert.True(publisher.GetProperty("audio").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, ack.Body.GetProperty("es").GetProperty("icfg").GetProperty("is").ValueKind);
        Assert.Equal(channel is RoomChannel.M2m or RoomChannel.A2m, ack.Body.GetProperty("es").TryGetProperty("sdps", out _));
    }

    [Fact]
    public async Task Join_without_roomCreating_for_a_missing_room_answers_4001_and_creates_nothing()
    {
        var user = await rooms.CreateUserAsync();
        await using var client = await rooms.ConnectAsync(user);
        var rid = RoomsHost.NewRoomId();

        var ack = await client.JoinAsync(rid, RoomChannel.M2m);

        Assert.Equal(4001, ack.Code);
        Assert.Equal("JOIN", ack.Signal);
        Assert.Equal(rid, ack.Body.GetProperty("req").Str("rid"));
        Assert.False(string.IsNullOrEmpty(ack.ErrorMessage));
        Assert.Null(await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid));
    }

    [Fact]
    public async Task Join_with_roomCreating_for_an_existing_room_answers_4022()
    {
        var owner = await rooms.CreateUserAsync();
        var other = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(other);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        var ack = await b.JoinAsync(rid, RoomChannel.M2m, create: true);

        Assert.Equal(4022, ack.Code);
        var snapshot = await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid);
        Assert.Equal(1, snapshot!.MemberCount);
        Assert.Equal(owner.Id, snapshot.OwnerUserId);
    }

    [Fact]
    public async Task Join_of_a_second_member_answers_viewer_and_lists_the_creator_in_pps()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        var ack = await b.JoinAsync(rid, RoomChannel.M2m);

        Assert.Equal(200, ack.Code);
        Assert.Equal("viewer", ack.Body.Str("pt"));
        Assert.Equal([a.Session.SessionId], ack.PublisherSessions());
        Assert.Empty(ack.Body.GetProperty("es").Arr("sdps"));
        var snapshot = await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid);
        Assert.Equal(2, snapshot!.MemberCount);
        Assert.Equal([owner.Id], snapshot.PublisherUserIds);
    }

    [Fact]
    public async Task Rejoin_of_a_session_already_in_the_room_is_idempotent_even_with_roomCreating()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);

        var again = await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        var viewerAgain = await b.JoinAsync(rid, RoomChannel.M2m);

        Assert.Equal(200, again.Code);
        Assert.Equal("admin", again.Body.Str("pt"));
        Assert.Equal("viewer", viewerAgain.Body.Str("pt"));
        Assert.Equal([a.Session.SessionId], again.PublisherSessions());
        Assert.Equal(2, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    [Fact]
    public async Task Join_with_a_ch_other_than_the_rooms_answers_2002()
    {
        var owner = await rooms.CreateUserAsync();
        var other = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(other);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        var ack = await b.JoinAsync(rid, RoomChannel.A2m);

        Assert.Equal(2002, ack.Code);
        Assert.Equal(1, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    [Fact]
    public async Task Third_member_of_a_p2p_call_answers_4025()
    {
        var caller = await rooms.CreateUserAsync();
        var callee = await rooms.CreateUserAsync();
        var third = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(caller);
        await using var b = await rooms.ConnectAsync(callee);
        await using var c = await rooms.ConnectAsync(third);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);
        var calleeAck = await b.JoinAsync(rid, RoomChannel.P2p);

        var ack = await c.JoinAsync(rid, RoomChannel.P2p);

        Assert.Equal("publisher", calleeAck.Body.Str("pt"));
        Assert.Contains(a.Session.SessionId, calleeAck.PublisherSessions());
        Assert.Equal(4025, ack.Code);
        Assert.Equal(2, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }
}
