namespace Tributary.Rooms;

/// <summary>
/// Where viewers of a p2m room play its LL-HLS broadcast: the JOIN ack's <c>es.hls.url</c>
/// (SIGNALING.md). Implemented by the LL-HLS area; without it no room has a playback URL.
/// </summary>
public interface IBroadcastPlayback
{
    /// <summary>
    /// The master playlist URL of broadcast <c>{userId}/{streamId}</c>, or null while that broadcast does
    /// not exist (nothing uploaded yet, or ended).
    /// </summary>
    Task<string?> GetPlaybackUrlAsync(string userId, string streamId);
}
