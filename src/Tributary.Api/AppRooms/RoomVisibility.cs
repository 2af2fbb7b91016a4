using Tributary.Api.Auth;
using Tributary.Api.Business;
using Tributary.Data.AppRooms;
using Tributary.Data.Social;

namespace Tributary.Api.AppRooms;

/// <summary>
/// Who may see a room (and so read it, its chat and its events, and join it): the owner; nobody either
/// of whom blocks the other; for PUBLIC everyone signed in, for FOLLOWERS the owner's followers, for
/// INVITE the invitees. API keys with <c>rooms:read</c> see PUBLIC rooms.
/// </summary>
public sealed class RoomVisibility(SocialGraph graph, AppRoomStore rooms)
{
    /// <summary>True when <paramref name="caller"/> may see <paramref name="room"/>.</summary>
    public async Task<bool> CanSeeAsync(AppRoom room, ICurrentUser caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Kind == CallerKind.ApiKey)
        {
            return caller.HasScope(CallerRules.RoomsReadScope) && room.Access == RoomAccess.Public;
        }

        if (caller.Kind != CallerKind.User)
        {
            return false;
        }

        var me = caller.UserId!;
        if (room.OwnerId == me)
        {
            return true;
        }

        if (await graph.IsBlockedEitherWayAsync(me, room.OwnerId, cancellationToken))
        {
            return false;
        }

        return room.Access switch
        {
            RoomAccess.Public => true,
            RoomAccess.Followers => await graph.IsFollowingAsync(me, room.OwnerId, cancellationToken),
            _ => await rooms.IsInvitedAsync(room.Id, me, cancellationToken),
        };
    }
}
