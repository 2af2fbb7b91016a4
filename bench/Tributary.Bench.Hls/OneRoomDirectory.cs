using Tributary.Rooms;

namespace Tributary.Bench.Hls;

// BENCH ONLY: one live p2m room with one publisher, standing in for the rooms area.
internal sealed class OneRoomDirectory(string roomId, string publisher) : IRoomDirectory
{
    public Task<RoomSnapshot?> GetAsync(string roomId1, CancellationToken cancellationToken = default) =>
        Task.FromResult(roomId1 == roomId ? new RoomSnapshot(roomId, RoomKind.P2m, publisher, [publisher], 1) : null);
}
