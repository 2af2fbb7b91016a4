namespace Tributary.Api.Subscriptions;

/// <summary>The TopicHub topic names the business API publishes on and subscriptions read.</summary>
public static class Topics
{
    /// <summary>A user's new notifications.</summary>
    public static string Notifications(string userId) => "notifications:" + userId;

    /// <summary>Calls ringing a user.</summary>
    public static string Calls(string userId) => "calls:" + userId;

    /// <summary>New chat messages of a room.</summary>
    public static string Messages(string roomId) => "messages:" + roomId;

    /// <summary>Other events of a room (ended, reactions, deleted messages, declined calls).</summary>
    public static string RoomEvents(string roomId) => "room-events:" + roomId;
}
