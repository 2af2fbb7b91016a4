using Tributary.Data.Social;
using Tributary.Rooms;

namespace Tributary.Data.AppRooms;

/// <summary><see cref="IRoomAdmission"/> over app rooms, follows, invitations and blocks.</summary>
public sealed class AppRoomAdmission(AppRoomStore rooms, SocialGraph graph) : IRoomAdmission
{
    /// <summary>
    /// The web app's browser broadcaster sends WebRTC (with <c>op.hlsForwarding</c>) to the m2m room
    /// <c>{p2m room id}{suffix}</c>, since SIGNALING.md has no OFFER in p2m rooms; its audience watches the p2m room's
    /// playlist. That uplink room is the broadcast owner's alone, so nobody can WATCH around the p2m room's access.
    /// </summary>
    public const string BroadcastUplinkSuffix = "-webrtc";

    /// <inheritdoc />
    public async Task<string?> CheckJoinAsync(string roomId, string userId, bool creating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        var room = await rooms.GetAsync(roomId, cancellationToken).ConfigureAwait(false);
        if (room is null && roomId.EndsWith(BroadcastUplinkSuffix, StringComparison.Ordinal)
            && await rooms.GetAsync(roomId[..^BroadcastUplinkSuffix.Length], cancellationToken).ConfigureAwait(false) is { Kind: RoomKind.P2m } broadcast)
        {
            return broadcast.EndedAt is not null ? "this room has ended"
                : broadcast.OwnerId != userId ? "this is the broadcaster's uplink room: watch the broadcast room instead"
                : null;
        }

        if (room is null || room.OwnerId == userId)
        {
            return room?.EndedAt is not null ? "this room has ended" : null;
        }

        if (room.EndedAt is not null)
        {
            return "this room has ended";
        }

        if (creating && room.Kind != RoomKind.P2p)
        {
            return "only the room's owner can start it";
        }

        if (await graph.IsBlockedEitherWayAsync(userId, room.OwnerId, cancellationToken).ConfigureAwait(false))
        {
            return "you cannot join this room";
        }

        return room.Access switch
        {
            RoomAccess.Public => null,
            RoomAccess.Followers when await graph.IsFollowingAsync(userId, room.OwnerId, cancellationToken).ConfigureAwait(false) => null,
            RoomAccess.Followers => "this room is for the owner's followers",
            _ when await rooms.IsInvitedAsync(roomId, userId, cancellationToken).ConfigureAwait(false) => null,
            _ => "this room is by invitation",
        };
    }
}
