using Microsoft.Extensions.Logging;
using Tributary.Data.Notifications;
using Tributary.Data.Outbox;
using Tributary.Rooms;

namespace Tributary.Data.AppRooms;

/// <summary>
/// Turns room grains' events into outbox events (participant.joined/left, call.missed, room.ended)
/// and missed-call notifications. Failures are logged, never thrown into the room.
/// </summary>
public sealed partial class RoomEventSink(
    Database database,
    AppRoomStore rooms,
    NotificationStore notifications,
    OutboxSignal outbox,
    TimeProvider time,
    ILogger<RoomEventSink> logger) : IRoomEvents
{
    /// <inheritdoc />
    public Task MemberJoinedAsync(string roomId, RoomKind kind, string userId, string sessionId) =>
        EnqueueAsync("participant.joined", new { roomId, kind = Channel(kind), userId, sessionId });

    /// <inheritdoc />
    public Task MemberLeftAsync(string roomId, RoomKind kind, string userId, string sessionId, string reason) =>
        EnqueueAsync("participant.left", new { roomId, kind = Channel(kind), userId, sessionId, reason });

    /// <inheritdoc />
    public async Task CallMissedAsync(string roomId, string callerUserId)
    {
        try
        {
            var callees = (await rooms.InviteesAsync(roomId).ConfigureAwait(false)).Where(u => u != callerUserId).ToList();
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var added = new List<Notification>();
            await using (var connection = await database.OpenAsync().ConfigureAwait(false))
            await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
            {
                foreach (var callee in callees)
                {
                    added.Add(await notifications.AddAsync(connection, transaction, callee, NotificationKinds.MissedCall, callerUserId, roomId, now).ConfigureAwait(false));
                }

                await OutboxWriter.EnqueueAsync(connection, transaction, "call.missed", new { roomId, callerId = callerUserId, calleeIds = callees }, time).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }

            outbox.Wake();
            added.ForEach(notifications.Announce);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, "call.missed", roomId, e);
        }
    }

    /// <inheritdoc />
    public async Task RoomEndedAsync(string roomId, RoomKind kind)
    {
        try
        {
            if (await rooms.GetAsync(roomId).ConfigureAwait(false) is { EndedAt: null })
            {
                await rooms.EndAsync(roomId).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, "room.ended", roomId, e);
        }
    }

    private static string Channel(RoomKind kind) => kind.ToString().ToLowerInvariant();

    private async Task EnqueueAsync(string topic, object payload)
    {
        try
        {
            await using var connection = await database.OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await OutboxWriter.EnqueueAsync(connection, transaction, topic, payload, time).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            outbox.Wake();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, topic, payload.ToString() ?? string.Empty, e);
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Error, Message = "Could not record room event {Topic} for {Room}")]
    private static partial void LogFailed(ILogger logger, string topic, string room, Exception error);
}
