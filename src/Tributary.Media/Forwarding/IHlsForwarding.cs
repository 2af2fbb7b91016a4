using Tributary.Media.Engine;

namespace Tributary.Media.Forwarding;

/// <summary>
/// Packages a WebRTC publisher's stream as LL-HLS (OFFER with <c>op.hlsForwarding</c>): the media engine
/// asks for a place to send the publisher's decrypted RTP (Janus VideoRoom <c>rtp_forward</c>), and the
/// implementation (the LL-HLS area's packager) reads it there. Implementations never throw for a
/// forwarding that cannot start; they answer null and the publisher's uplink goes on without HLS.
/// </summary>
public interface IHlsForwarding
{
    /// <summary>Starts (or finds the running) packaging of <paramref name="sessionId"/>'s stream; null when unavailable.</summary>
    Task<RtpForwardTarget?> StartAsync(MediaRoom room, string sessionId, RtpForwardCodecs codecs, CancellationToken cancellationToken = default);

    /// <summary>Stops packaging <paramref name="sessionId"/>'s stream and ends its broadcast (the station is gone).</summary>
    Task StopAsync(MediaRoom room, string sessionId);
}
