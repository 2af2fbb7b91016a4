using Tributary.Rooms;

namespace Tributary.Hls.Signals;

// The default until the rooms area registers its directory: no room is live, so every upload is
// answered 403 "no live p2m room" and nothing is stored.
internal sealed class NoRoomDirectory : IRoomDirectory
{
    public Task<RoomSnapshot?> GetAsync(string roomId, CancellationToken cancellationToken = default) =>
        Task.FromResult<RoomSnapshot?>(null);
}
