namespace Tributary.Rooms;

/// <summary>No broadcasts: for processes without the LL-HLS area.</summary>
public sealed class NoBroadcastPlayback : IBroadcastPlayback
{
    /// <inheritdoc />
    public Task<string?> GetPlaybackUrlAsync(string userId, string streamId) => Task.FromResult<string?>(null);
}
