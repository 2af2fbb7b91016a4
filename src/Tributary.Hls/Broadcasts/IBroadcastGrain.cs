using Tributary.Hls.Signals;

namespace Tributary.Hls.Broadcasts;

/// <summary>
/// One broadcast's recent LL-HLS window, keyed <c>{userId}/{streamId}</c> (<see cref="BroadcastKey"/>).
/// Every edge node reaches the same activation, so any node serves any broadcast.
/// </summary>
public interface IBroadcastGrain : IGrainWithStringKey
{
    /// <summary>Applies one validated data signal; idempotent by its message id.</summary>
    Task<UploadOutcome> ApplyAsync(DataSignal signal);

    /// <summary>Applies a signal of the <c>hlsForwarding</c> packager (<see cref="Ingest.IBroadcastIngest.ApplyForwardedAsync"/>).</summary>
    Task<UploadOutcome> ApplyForwardedAsync(DataSignal signal);

    /// <summary>Applies a signal of a studio's program packager (<see cref="Ingest.IBroadcastIngest.ApplyProgramAsync"/>).</summary>
    Task<UploadOutcome> ApplyProgramAsync(DataSignal signal);

    /// <summary>The master playlist.</summary>
    Task<PlaylistResponse> GetMasterPlaylistAsync();

    /// <summary>A media playlist, held per blocking reload rules when the request asks for it.</summary>
    Task<PlaylistResponse> GetMediaPlaylistAsync(MediaPlaylistRequest request);

    /// <summary>An init section, segment or part by name; a request for the hinted next part waits for it.</summary>
    Task<MediaResponse> GetMediaAsync(string trackId, string name);

    /// <summary>Ends the broadcast: playlists get <c>EXT-X-ENDLIST</c> and held requests are answered.</summary>
    Task EndAsync();

    /// <summary>
    /// Registers (or renews for <see cref="HlsOptions.EdgeWatchLease"/>) an edge cache that is told of every
    /// change; answers the current version.
    /// </summary>
    Task<BroadcastVersion> WatchAsync(IBroadcastWatcher watcher);

    /// <summary>Size and state, for metrics and tests.</summary>
    Task<BroadcastStatus> GetStatusAsync();
}
