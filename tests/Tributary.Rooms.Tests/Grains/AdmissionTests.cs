using Tributary.Client;
using Tributary.Data.AppRooms;
using Tributary.Data.Outbox;
using Tributary.Data.Social;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Grains;

/// <summary>JOIN honours the app room's access (createRoom): invitations, followers, blocks, ended rooms.</summary>
[Collection(RoomsCollection.Name)]
public sealed class AdmissionTests(RoomsHost rooms)
{
    [Fact]
    public async Task An_invite_only_room_admits_its_owner_and_invitees_and_refuses_others_with_4051()
    {
        var (owner, invited, stranger) = (await rooms.CreateUserAsync(), await rooms.CreateUserAsync(), await rooms.CreateUserAsync());
        var room = await Store.CreateAsync(owner.Id, RoomKind.M2m, "Private", RoomAccess.Invite, [invited.Id]);
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(invited);
        await using var c = await rooms.ConnectAsync(stranger);

        Assert.Equal(200, (await a.JoinAsync(room.Id, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await b.JoinAsync(room.Id, RoomChannel.M2m)).Code);
        var refused = await c.JoinAsync(room.Id, RoomChannel.M2m);

        Assert.Equal(4051, refused.Code);
        Assert.Equal("this room is by invitation", refused.ErrorMessage);
        Assert.Equal(2, (await Directory.GetAsync(room.Id))!.MemberCount);
    }

    [Fact]
    public async Task A_followers_room_admits_a_user_once_they_follow_the_owner()
    {
        var (owner, fan) = (await rooms.CreateUserAsync(), await rooms.CreateUserAsync());
        var room = await Store.CreateAsync(owner.Id, RoomKind.A2m, "Fans", RoomAccess.Followers, []);
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(fan);
        await a.JoinAsync(room.Id, RoomChannel.A2m, create: true);

        var before = await b.JoinAsync(room.Id, RoomChannel.A2m);
        await rooms.Host.GetRequiredService<SocialGraph>().FollowAsync(fan.Id, owner.Id);
        var after = await b.JoinAsync(room.Id, RoomChannel.A2m);

        Assert.Equal(4051, before.Code);
        Assert.Equal(200, after.Code);
    }

    [Fact]
    public async Task Only_the_owner_may_start_an_app_room_and_nobody_may_enter_an_ended_one()
    {
        var (owner, other) = (await rooms.CreateUserAsync(), await rooms.CreateUserAsync());
        var room = await Store.CreateAsync(owner.Id, RoomKind.M2m, "Open", RoomAccess.Public, []);
        var ended = await Store.CreateAsync(owner.Id, RoomKind.M2m, "Over", RoomAccess.Public, []);
        await Store.EndAsync(ended.Id);
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(other);

        var hijack = await b.JoinAsync(room.Id, RoomChannel.M2m, create: true);
        var late = await a.JoinAsync(ended.Id, RoomChannel.M2m, create: true);

        Assert.Equal((4051, "only the room's owner can start it"), (hijack.Code, hijack.ErrorMessage));
        Assert.Equal((4051, "this room has ended"), (late.Code, late.ErrorMessage));
        Assert.Null(await Directory.GetAsync(room.Id));
        Assert.Null(await Directory.GetAsync(ended.Id));
    }

    [Fact]
    public async Task The_uplink_room_of_a_browser_broadcast_admits_only_the_broadcasts_owner()
    {
        var (owner, fan) = (await rooms.CreateUserAsync(), await rooms.CreateUserAsync());
        var broadcast = await Store.CreateAsync(owner.Id, RoomKind.P2m, "On air", RoomAccess.Followers, []);
        var uplink = broadcast.Id + AppRoomAdmission.BroadcastUplinkSuffix;
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(fan);
        await rooms.Host.GetRequiredService<SocialGraph>().FollowAsync(fan.Id, owner.Id);

        var started = await a.JoinAsync(uplink, RoomChannel.M2m, create: true);
        var follower = await b.JoinAsync(uplink, RoomChannel.M2m);
        var watching = await b.JoinAsync(broadcast.Id, RoomChannel.P2m);

        Assert.Equal(200, started.Code);
        Assert.Equal((4051, "this is the broadcaster's uplink room: watch the broadcast room instead"), (follower.Code, follower.ErrorMessage));
        Assert.Equal(1, (await Directory.GetAsync(uplink))!.MemberCount);
        Assert.NotEqual(4051, watching.Code);
    }

    [Fact]
    public async Task Joining_and_leaving_write_participant_events_and_the_last_leave_ends_the_app_room()
    {
        var owner = await rooms.CreateUserAsync();
        var room = await Store.CreateAsync(owner.Id, RoomKind.M2m, "Short", RoomAccess.Public, []);
        await using var a = await rooms.ConnectAsync(owner);

        await a.JoinAsync(room.Id, RoomChannel.M2m, create: true);
        await a.LeaveAsync(room.Id);

        var outbox = rooms.Host.GetRequiredService<OutboxStore>();
        Assert.Contains(await outbox.ListAsync("participant.joined"), e => true);
        Assert.Contains(await outbox.ListAsync("participant.left"), e => true);
        Assert.NotNull((await Store.GetAsync(room.Id))!.EndedAt);
    }

    private AppRoomStore Store => rooms.Host.GetRequiredService<AppRoomStore>();

    private IRoomDirectory Directory => rooms.Host.GetRequiredService<IRoomDirectory>();
}
