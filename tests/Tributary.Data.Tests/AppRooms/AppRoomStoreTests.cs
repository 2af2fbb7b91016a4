using Tributary.Data.AppRooms;
using Tributary.Data.Outbox;
using Tributary.Hosting;
using Tributary.Rooms;
using Tributary.Testing;

namespace Tributary.Data.Tests.AppRooms;

public sealed class AppRoomStoreTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_created_room_is_open_until_ended_once(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api);
        var (store, database) = (host.GetRequiredService<AppRoomStore>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var bob = await TestUsers.InsertAsync(database, "bob");

        var room = await store.CreateAsync(ada, RoomKind.M2m, "Standup", RoomAccess.Invite, [bob, bob]);
        var open = await store.OpenAsync(null, null, 10);
        var ended = await store.EndAsync(room.Id);
        var endedAgain = await store.EndAsync(room.Id);

        Assert.True(Guid.TryParse(room.Id, out _));
        Assert.Equal(room, Assert.Single(open));
        Assert.True(await store.IsInvitedAsync(room.Id, bob));
        Assert.False(await store.IsInvitedAsync(room.Id, ada));
        Assert.True(ended);
        Assert.False(endedAgain);
        Assert.Empty(await store.OpenAsync(null, null, 10));
        Assert.NotNull((await store.GetAsync(room.Id))!.EndedAt);
        Assert.Single(await host.GetRequiredService<OutboxStore>().ListAsync("room.started"));
        Assert.Single(await host.GetRequiredService<OutboxStore>().ListAsync("room.ended"));
    }

    [Fact]
    public async Task Open_rooms_can_be_narrowed_to_owners_and_never_list_calls()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.Api);
        var (store, database) = (host.GetRequiredService<AppRoomStore>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var bob = await TestUsers.InsertAsync(database, "bob");
        var adas = await store.CreateAsync(ada, RoomKind.P2m, "Live", RoomAccess.Public, []);
        await store.CreateAsync(bob, RoomKind.A2m, "Talk", RoomAccess.Public, []);
        await store.CreateAsync(bob, RoomKind.P2p, "call", RoomAccess.Invite, [ada]);

        Assert.Equal([adas.Id], (await store.OpenAsync([ada], null, 10)).Select(r => r.Id));
        Assert.Equal(2, (await store.OpenAsync(null, null, 10)).Count);
    }
}
