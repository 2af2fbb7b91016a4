namespace Tributary.Api.Subscriptions;

/// <summary>The kinds of <see cref="RoomEvent"/>.</summary>
public static class RoomEventKinds
{
    /// <summary>The owner ended the room (or the callee declined the call).</summary>
    public const string RoomEnded = "ROOM_ENDED";

    /// <summary>Someone reacted with an emoji.</summary>
    public const string Reaction = "REACTION";

    /// <summary>A chat message was deleted by its author or the room owner.</summary>
    public const string MessageDeleted = "MESSAGE_DELETED";

    /// <summary>The callee declined the call.</summary>
    public const string CallDeclined = "CALL_DECLINED";
}
