using Microsoft.Extensions.Logging;
using Tributary.Api.Errors;
using Tributary.Api.Social;
using Tributary.Api.Subscriptions;
using Tributary.Data.AppRooms;
using Tributary.Data.Notifications;
using Tributary.Data.Social;
using Tributary.Rooms;

namespace Tributary.Api.Calls;

/// <summary>1:1 calls: a P2P room with the callee invited, rung in real time.</summary>
public sealed partial class CallService(
    AppRoomStore rooms,
    UserDirectory users,
    SocialGraph graph,
    NotificationStore notifications,
    RealtimePublisher publisher,
    ILogger<CallService> logger)
{
    /// <summary>The title of call rooms.</summary>
    public const string CallTitle = "Call";

    /// <summary>
    /// Opens a P2P room, invites <paramref name="calleeId"/>, writes INCOMING_CALL for them and rings
    /// their <c>incomingCall</c> subscriptions. BAD_USER_INPUT for yourself, NOT_FOUND, FORBIDDEN when
    /// either blocks the other.
    /// </summary>
    public async Task<Outcome<AppRoom>> CallAsync(string callerId, string calleeId, CancellationToken cancellationToken)
    {
        if (callerId == calleeId)
        {
            return ApiError.BadInput("userId", "You cannot call yourself.");
        }

        if ((await users.GetManyAsync([calleeId], cancellationToken)).Count == 0)
        {
            return ApiError.NotFound("No user has this id.");
        }

        if (await graph.IsBlockedEitherWayAsync(callerId, calleeId, cancellationToken))
        {
            return ApiError.Forbidden("One of you blocks the other.");
        }

        var room = await rooms.CreateAsync(callerId, RoomKind.P2p, CallTitle, RoomAccess.Invite, [calleeId], cancellationToken);
        await notifications.AddAsync(calleeId, NotificationKinds.IncomingCall, callerId, room.Id, cancellationToken);
        await publisher.IncomingCallAsync(new IncomingCall(room.Id, callerId, calleeId));
        LogCalling(logger, room.Id, callerId, calleeId);
        return Outcome<AppRoom>.Ok(room);
    }

    /// <summary>The callee declines: the room ends and its events get CALL_DECLINED. True when it was still open.</summary>
    public async Task<Outcome<bool>> DeclineAsync(AppRoom room, string calleeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (room.Kind != RoomKind.P2p)
        {
            return ApiError.BadInput("roomId", "This room is not a call.");
        }

        if (room.OwnerId == calleeId)
        {
            return ApiError.Forbidden("The caller hangs up with endRoom; only the callee declines.");
        }

        var ended = await rooms.EndAsync(room.Id, cancellationToken);
        if (ended)
        {
            await publisher.RoomEventAsync(new RoomEvent(RoomEventKinds.CallDeclined, room.Id, calleeId, null, null));
            LogDeclined(logger, room.Id, calleeId);
        }

        return Outcome<bool>.Ok(ended);
    }

    [LoggerMessage(EventId = 3420, Level = LogLevel.Information, Message = "Call {RoomId}: {CallerId} calls {CalleeId}")]
    private static partial void LogCalling(ILogger logger, string roomId, string callerId, string calleeId);

    [LoggerMessage(EventId = 3421, Level = LogLevel.Information, Message = "Call {RoomId} declined by {CalleeId}")]
    private static partial void LogDeclined(ILogger logger, string roomId, string calleeId);
}
