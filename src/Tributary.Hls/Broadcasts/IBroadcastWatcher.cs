namespace Tributary.Hls.Broadcasts;

/// <summary>
/// An edge node's cache of broadcasts' playlists and media (one observer per node). The broadcast grain
/// tells it of every change before the change's upload is answered, so a cached answer of the current
/// version is never stale.
/// </summary>
public interface IBroadcastWatcher : IGrainObserver
{
    /// <summary>Broadcast <paramref name="key"/> is now at <paramref name="version"/>.</summary>
    Task ChangedAsync(string key, BroadcastVersion version);

    /// <summary>Broadcast <paramref name="key"/>'s activation is going away: forget what is cached of it.</summary>
    Task GoneAsync(string key, long epoch);
}
