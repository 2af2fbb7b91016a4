using Tributary.Media.Cascading;
using Tributary.Media.Engine;

namespace Tributary.Media.Forwarding;

/// <summary>
/// Taps of a station: its decrypted RTP sent as plain RTP to a listener outside the media server (the studio's
/// compositor on any node), by VideoRoom <c>rtp_forward</c>. A tap is named by its owner's id; opening the same tap
/// twice changes nothing. Janus drops a station's taps when the station goes (a publisher who leaves or restarts);
/// the listener notices the silence and opens a new one. The station's mids and codecs come from
/// <see cref="ICascadeEngine.DescribeStationAsync"/>.
/// </summary>
public interface IRtpTapEngine
{
    /// <summary>Starts sending the station's streams the target names to the target's ports; 4024 when the publisher has no station here.</summary>
    Task<MediaOutcome> OpenTapAsync(MediaRoom room, string publisherSessionId, string tapId, RtpTapTarget target, CancellationToken cancellationToken = default);

    /// <summary>Stops the tap (<c>stop_rtp_forward</c>); nothing when it is not there.</summary>
    Task CloseTapAsync(MediaRoom room, string publisherSessionId, string tapId, CancellationToken cancellationToken = default);
}
