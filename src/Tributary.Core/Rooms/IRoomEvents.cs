namespace Tributary.Rooms;

/// <summary>
/// What room grains report to the rest of the system (outbox events for webhooks, notifications,
/// real-time subscriptions). Implementations must not throw for a failed side effect: rooms go on.
/// </summary>
public interface IRoomEvents
{
    /// <summary>A session joined (not a re-JOIN).</summary>
    Task MemberJoinedAsync(string roomId, RoomKind kind, string userId, string sessionId);

    /// <summary>A session left: <paramref name="reason"/> is <c>leave</c>, <c>kick</c> or <c>expired</c>.</summary>
    Task MemberLeftAsync(string roomId, RoomKind kind, string userId, string sessionId, string reason);

    /// <summary>The callee of a p2p call did not join within the callee timeout.</summary>
    Task CallMissedAsync(string roomId, string callerUserId);

    /// <summary>The live room ended (its last member left, or an unanswered call ended).</summary>
    Task RoomEndedAsync(string roomId, RoomKind kind);
}
