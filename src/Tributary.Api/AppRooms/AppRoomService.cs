using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Social;
using Tributary.Api.Subscriptions;
using Tributary.Data;
using Tributary.Data.AppRooms;
using Tributary.Data.Notifications;
using Tributary.Data.Social;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>Opening and ending rooms: validation, the store, follower notifications, room events.</summary>
public sealed partial class AppRoomService(
    AppRoomStore rooms,
    UserDirectory users,
    SocialGraph graph,
    NotificationStore notifications,
    Database database,
    RealtimePublisher publisher,
    TimeProvider time,
    IOptions<AppRoomsOptions> options,
    ILogger<AppRoomService> logger)
{
    /// <summary>
    /// Opens a room owned by <paramref name="ownerId"/>. BAD_USER_INPUT for a P2P type (use callUser), an
    /// empty or long title, too many, malformed or unknown invitees, or inviting yourself. PUBLIC and
    /// FOLLOWERS rooms notify the newest followers (FOLLOWED_USER_LIVE, capped by
    /// <see cref="AppRoomsOptions.LiveNotificationFanOut"/>).
    /// </summary>
    public async Task<Outcome<AppRoom>> OpenAsync(string ownerId, RoomKind kind, string title, RoomAccess access, IReadOnlyList<string> invitees, CancellationToken cancellationToken)
    {
        if (kind == RoomKind.P2p)
        {
            return ApiError.BadInput("type", "P2P rooms are calls: use callUser.");
        }

        title = title.Trim();
        if (title.Length is 0 or > AppRoomStore.MaxTitleLength)
        {
            return ApiError.BadInput("title", $"A title has 1 to {AppRoomStore.MaxTitleLength} characters.");
        }

        if (await CheckInviteesAsync(ownerId, invitees, cancellationToken) is { } bad)
        {
            return bad;
        }

        var room = await rooms.CreateAsync(ownerId, kind, title, access, invitees.Distinct().ToList(), cancellationToken);
        LogOpened(logger, room.Id, ownerId, kind);
        if (access != RoomAccess.Invite && options.Value.LiveNotificationFanOut > 0)
        {
            await NotifyFollowersAsync(room, cancellationToken);
        }

        return Outcome<AppRoom>.Ok(room);
    }

    /// <summary>Ends a room (idempotent); publishes ROOM_ENDED when it was open.</summary>
    public async Task<AppRoom?> EndAsync(AppRoom room, string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (await rooms.EndAsync(room.Id, cancellationToken))
        {
            LogEnded(logger, room.Id, actorId);
            await publisher.RoomEventAsync(new RoomEvent(RoomEventKinds.RoomEnded, room.Id, actorId, null, null));
        }

        return await rooms.GetAsync(room.Id, cancellationToken);
    }

    private async Task<ApiError?> CheckInviteesAsync(string ownerId, IReadOnlyList<string> invitees, CancellationToken cancellationToken)
    {
        if (invitees.Count > AppRoomStore.MaxInvites)
        {
            return ApiError.BadInput("invitees", $"At most {AppRoomStore.MaxInvites} invitees.");
        }

        if (invitees.Any(id => !EntityIds.IsWellFormed(id)))
        {
            return ApiError.BadInput("invitees", "'invitees' holds an invalid id.");
        }

        if (invitees.Contains(ownerId))
        {
            return ApiError.BadInput("invitees", "You cannot invite yourself.");
        }

        var distinct = invitees.Distinct().ToList();
        var found = await users.GetManyAsync(distinct, cancellationToken);
        return found.Count == distinct.Count ? null : ApiError.BadInput("invitees", "'invitees' holds an unknown user.");
    }

    private async Task NotifyFollowersAsync(AppRoom room, CancellationToken cancellationToken)
    {
        var followers = await graph.FollowerIdsAsync(room.OwnerId, options.Value.LiveNotificationFanOut, cancellationToken);
        if (followers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var added = new List<Notification>(followers.Count);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var follower in followers)
            {
                added.Add(await notifications.AddAsync(connection, transaction, follower, NotificationKinds.FollowedUserLive, room.OwnerId, room.Id, now, cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var notification in added)
        {
            notifications.Announce(notification);
        }

        LogNotified(logger, room.Id, added.Count);
    }

    [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Room {RoomId} ({Kind}) opened by {OwnerId}")]
    private static partial void LogOpened(ILogger logger, string roomId, string ownerId, RoomKind kind);

    [LoggerMessage(EventId = 3411, Level = LogLevel.Information, Message = "Room {RoomId} ended by {ActorId}")]
    private static partial void LogEnded(ILogger logger, string roomId, string actorId);

    [LoggerMessage(EventId = 3412, Level = LogLevel.Debug, Message = "Room {RoomId}: {Count} followers notified")]
    private static partial void LogNotified(ILogger logger, string roomId, int count);
}
