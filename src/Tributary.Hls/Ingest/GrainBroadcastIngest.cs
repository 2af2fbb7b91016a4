using Tributary.Hls.Broadcasts;
using Tributary.Hls.Signals;

namespace Tributary.Hls.Ingest;

// The ingest over the broadcast grains: one call per piece.
internal sealed class GrainBroadcastIngest(IGrainFactory grains) : IBroadcastIngest
{
    public Task<UploadOutcome> ApplyAsync(string userId, DataSignal signal) =>
        grains.GetGrain<IBroadcastGrain>(BroadcastKey.Of(userId, signal.PlaylistId)).ApplyAsync(signal);

    public Task<UploadOutcome> ApplyForwardedAsync(string userId, DataSignal signal) =>
        grains.GetGrain<IBroadcastGrain>(BroadcastKey.Of(userId, signal.PlaylistId)).ApplyForwardedAsync(signal);

    public Task<UploadOutcome> ApplyProgramAsync(string userId, DataSignal signal) =>
        grains.GetGrain<IBroadcastGrain>(BroadcastKey.Of(userId, signal.PlaylistId)).ApplyProgramAsync(signal);

    public Task EndAsync(string userId, string streamId) =>
        grains.GetGrain<IBroadcastGrain>(BroadcastKey.Of(userId, streamId)).EndAsync();
}
