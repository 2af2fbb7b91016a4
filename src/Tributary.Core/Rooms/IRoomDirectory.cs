namespace Tributary.Rooms;

/// <summary>Read access to live rooms for other areas (implemented by Tributary.Rooms over the room grains).</summary>
public interface IRoomDirectory
{
    /// <summary>The room's current state, or null when no such live room exists.</summary>
    Task<RoomSnapshot?> GetAsync(string roomId, CancellationToken cancellationToken = default);
}
