namespace Tributary.Rooms;

/// <summary>
/// Where viewers of a p2m room play its LL-HLS broadcast: the JOIN ack's <c>es.hls.url</c>
/// (SIGNALING.md). Implemented by the LL-HLS area; without it no room has a playback URL.
/// </summary>
public interface IBroadcastPlayback
{
    /// <summary>
    /// The master playlist URL of the publisher's broadcast in room <paramref name="streamId"/>: the one its
    /// phone uploads (<c>{userId}/{streamId}</c>) or, for a WebRTC publisher with <c>hlsForwarding</c>, the
    /// packaged one (<c>{sessionId}/{streamId}</c>); null while neither exists (nothing yet, or ended).
    /// </summary>
    Task<string?> GetPlaybackUrlAsync(string userId, string sessionId, string streamId);
}
