using Tributary.Media.Engine;

namespace Tributary.Media.Forwarding;

/// <summary>No packager on this node: <c>hlsForwarding</c> is ignored (the uplink works, no HLS is made).</summary>
public sealed class NoHlsForwarding : IHlsForwarding
{
    /// <inheritdoc />
    public Task<RtpForwardTarget?> StartAsync(MediaRoom room, string sessionId, RtpForwardCodecs codecs, CancellationToken cancellationToken = default) =>
        Task.FromResult<RtpForwardTarget?>(null);

    /// <inheritdoc />
    public Task StopAsync(MediaRoom room, string sessionId) => Task.CompletedTask;
}
