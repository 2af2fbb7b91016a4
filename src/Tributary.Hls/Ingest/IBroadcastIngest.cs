using Tributary.Hls.Signals;

namespace Tributary.Hls.Ingest;

/// <summary>
/// Where LL-HLS pieces enter a broadcast, whoever made them: the <c>/data</c> upload endpoint (after
/// authentication and the publisher check) and, later, the <c>hlsForwarding</c> packager that cuts
/// ffmpeg's fragmented MP4 into init section and parts (docs/hls.md). Callers have already decided
/// that <paramref name="userId"/> may publish to the stream.
/// </summary>
public interface IBroadcastIngest
{
    /// <summary>Applies one signal to broadcast <c>{userId}/{signal.PlaylistId}</c>.</summary>
    Task<UploadOutcome> ApplyAsync(string userId, DataSignal signal);

    /// <summary>
    /// Applies one signal made by the <c>hlsForwarding</c> packager: such a broadcast belongs to a WebRTC
    /// station, not to a p2m room's publisher, so it ends when the packager ends it or the room is gone.
    /// </summary>
    Task<UploadOutcome> ApplyForwardedAsync(string userId, DataSignal signal);

    /// <summary>
    /// Applies one signal of a studio's program packager: the broadcast lives as long as the studio, whether or
    /// not anyone is in the room, so the room does not end it; the packager does (or, when its node died,
    /// <see cref="HlsOptions.ProgramIdleTimeout"/> without a piece).
    /// </summary>
    Task<UploadOutcome> ApplyProgramAsync(string userId, DataSignal signal);

    /// <summary>Ends broadcast <c>{userId}/{streamId}</c> (<c>EXT-X-ENDLIST</c>).</summary>
    Task EndAsync(string userId, string streamId);
}
