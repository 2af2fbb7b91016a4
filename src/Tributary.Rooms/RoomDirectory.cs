using Tributary.Rooms.Grains;

namespace Tributary.Rooms;

/// <summary><see cref="IRoomDirectory"/> over the room grains (any silo).</summary>
internal sealed class RoomDirectory(IGrainFactory grains) : IRoomDirectory
{
    public Task<RoomSnapshot?> GetAsync(string roomId, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(roomId) ? Task.FromResult<RoomSnapshot?>(null) : grains.GetGrain<IRoomGrain>(roomId).GetSnapshotAsync();
}
