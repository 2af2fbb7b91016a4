using GraphQL.Types;
using Tributary.Data.Notifications;

namespace Tributary.Api.Notifications;

/// <summary>GraphQL enum <c>NotificationKind</c>; values are the stored kinds.</summary>
public sealed class NotificationKindType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public NotificationKindType()
    {
        Name = "NotificationKind";
        Add(NotificationKinds.NewFollower, NotificationKinds.NewFollower, "Someone started following you (actor).");
        Add(NotificationKinds.FollowedUserLive, NotificationKinds.FollowedUserLive, "Someone you follow opened a room (actor, room).");
        Add(NotificationKinds.IncomingCall, NotificationKinds.IncomingCall, "Someone is calling you (actor, room).");
        Add(NotificationKinds.MissedCall, NotificationKinds.MissedCall, "A call to you was not answered (actor, room).");
    }
}
