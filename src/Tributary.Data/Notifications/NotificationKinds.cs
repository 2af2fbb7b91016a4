namespace Tributary.Data.Notifications;

/// <summary>Notification kinds (the GraphQL enum values).</summary>
public static class NotificationKinds
{
    /// <summary>Someone followed you.</summary>
    public const string NewFollower = "NEW_FOLLOWER";

    /// <summary>Someone you follow went live.</summary>
    public const string FollowedUserLive = "FOLLOWED_USER_LIVE";

    /// <summary>Someone is calling you.</summary>
    public const string IncomingCall = "INCOMING_CALL";

    /// <summary>You did not answer a call in time.</summary>
    public const string MissedCall = "MISSED_CALL";
}
