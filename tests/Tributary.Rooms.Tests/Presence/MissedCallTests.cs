using Tributary.Client;
using Tributary.Data.AppRooms;
using Tributary.Data.Notifications;
using Tributary.Data.Outbox;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Presence;

/// <summary>An unanswered call becomes a missed-call notification (own server: it moves the room clock).</summary>
public sealed class MissedCallTests : IClassFixture<RoomsHost>
{
    private readonly RoomsHost _rooms;

    public MissedCallTests(RoomsHost rooms) => _rooms = rooms;

    [Fact]
    public async Task A_call_the_callee_never_joins_notifies_them_of_a_missed_call_and_ends_the_room()
    {
        var (caller, callee) = (await _rooms.CreateUserAsync(), await _rooms.CreateUserAsync());
        var store = _rooms.Host.GetRequiredService<AppRoomStore>();
        var call = await store.CreateAsync(caller.Id, RoomKind.P2p, "call", RoomAccess.Invite, [callee.Id]);
        await using var a = await _rooms.ConnectAsync(caller);
        await a.JoinAsync(call.Id, RoomChannel.P2p, create: true);

        for (var i = 0; i < 11; i++)
        {
            _rooms.Clock.Advance(TimeSpan.FromSeconds(3));
            if ((await a.HeartbeatAsync(call.Id)).Code != 200)
            {
                break;
            }
        }

        await a.WaitForAsync(m => m.Signal == "LEAVE" && m.Code == 4003 && m.RoomId == call.Id);
        var notifications = _rooms.Host.GetRequiredService<NotificationStore>();
        var missed = await WaitForAsync(async () => (await notifications.ListAsync(callee.Id, 10, null)).Items.FirstOrDefault());

        Assert.Equal((NotificationKinds.MissedCall, caller.Id, call.Id), (missed.Kind, missed.ActorId, missed.RoomId));
        Assert.Single(await _rooms.Host.GetRequiredService<OutboxStore>().ListAsync("call.missed"));
        Assert.NotNull((await store.GetAsync(call.Id))!.EndedAt);
        Assert.Equal(0, await notifications.UnreadCountAsync(caller.Id));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
