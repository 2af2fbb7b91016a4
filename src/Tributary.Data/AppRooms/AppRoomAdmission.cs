using Tributary.Data.Social;
using Tributary.Rooms;

namespace Tributary.Data.AppRooms;

/// <summary><see cref="IRoomAdmission"/> over app rooms, follows, invitations and blocks.</summary>
public sealed class AppRoomAdmission(AppRoomStore rooms, SocialGraph graph) : IRoomAdmission
{
    /// <inheritdoc />
    public async Task<string?> CheckJoinAsync(string roomId, string userId, bool creating, CancellationToken cancellationToken = default)
    {
        var room = await rooms.GetAsync(roomId, cancellationToken).ConfigureAwait(false);
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
