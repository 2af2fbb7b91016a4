namespace Tributary.Rooms;

/// <summary>
/// Decides whether a user may enter a room (the app room's access: public, followers, invite; blocks;
/// ended rooms). Rooms that exist only in signaling (no app room) are open, as SIGNALING.md allows.
/// </summary>
public interface IRoomAdmission
{
    /// <summary>Null when <paramref name="userId"/> may join (or, with <paramref name="creating"/>, start) the room; else the reason.</summary>
    Task<string?> CheckJoinAsync(string roomId, string userId, bool creating, CancellationToken cancellationToken = default);
}
