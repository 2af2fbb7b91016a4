namespace Tributary.Rooms;

/// <summary>Drops room events: for processes without the database-backed sink.</summary>
public sealed class NoRoomEvents : IRoomEvents
{
    /// <inheritdoc />
    public Task MemberJoinedAsync(string roomId, RoomKind kind, string userId, string sessionId) => Task.CompletedTask;

    /// <inheritdoc />
    public Task MemberLeftAsync(string roomId, RoomKind kind, string userId, string sessionId, string reason) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CallMissedAsync(string roomId, string callerUserId) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RoomEndedAsync(string roomId, RoomKind kind) => Task.CompletedTask;
}
