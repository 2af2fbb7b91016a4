using System.Collections.Concurrent;
using Tributary.Rooms;

namespace Tributary.Hls.Tests;

/// <summary>
/// TEST ONLY: a room directory the test fills by hand, standing in for the rooms area's directory
/// over the room grains until that lands. Registered through TributaryTestHost's configure hook.
/// </summary>
public sealed class FakeRoomDirectory : IRoomDirectory
{
    private readonly ConcurrentDictionary<string, RoomSnapshot> _rooms = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="roomId"/> a live room of <paramref name="kind"/> published by <paramref name="publisher"/>.</summary>
    public void Set(string roomId, string publisher, RoomKind kind = RoomKind.P2m) =>
        _rooms[roomId] = new RoomSnapshot(roomId, kind, publisher, [publisher], 1);

    /// <summary>Ends the room.</summary>
    public void Remove(string roomId) => _rooms.TryRemove(roomId, out _);

    /// <inheritdoc />
    public Task<RoomSnapshot?> GetAsync(string roomId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rooms.TryGetValue(roomId, out var room) ? room : null);
}
