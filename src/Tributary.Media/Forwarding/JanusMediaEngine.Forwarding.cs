using Microsoft.Extensions.Logging;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;

namespace Tributary.Media.Janus;

// hlsForwarding (SIGNALING.md OFFER op.hlsForwarding): the station's decrypted RTP goes by VideoRoom
// rtp_forward to the ports the packager (IHlsForwarding) listens on. Forwarding is best effort: a
// failure is logged and the publisher's uplink goes on without HLS.
public sealed partial class JanusMediaEngine
{
    // The packager, from DI when the LL-HLS area is on this node (constructor); else hlsForwarding is ignored.
    private readonly IHlsForwarding _hls = new NoHlsForwarding();

    private async Task ForwardToHlsAsync(JanusSession session, long handle, MediaRoom room, string sessionId, bool hlsForwarding, JanusPluginResult joined, CancellationToken cancellationToken)
    {
        if (!hlsForwarding || joined.Sdp is not { } answer)
        {
            return;
        }

        try
        {
            var streams = SdpStreams.Read(answer);
            var audio = streams.FirstOrDefault(s => s.Kind == "audio" && s.Codec is not null);
            var video = streams.FirstOrDefault(s => s.Kind == "video" && s.Codec is not null);
            if (await _hls.StartAsync(room, sessionId, new RtpForwardCodecs(audio?.Codec, video?.Codec), cancellationToken).ConfigureAwait(false) is not { } target)
            {
                return;
            }

            var tap = new RtpTapTarget(
                target.Host,
                audio is not null && target.AudioPort > 0 ? audio.Mid : null, target.AudioPort, target.AudioPayloadType,
                video is not null && target.VideoPort > 0 ? video.Mid : null, target.VideoPort, target.VideoPayloadType);
            await RtpForwardAsync(session, handle, room, sessionId, tap, cancellationToken).ConfigureAwait(false);
            ForwardingLog.Started(_logger, room.RoomId, sessionId, target.AudioPort, target.VideoPort);
        }
        catch (Exception e) when (e is JanusException or HttpRequestException or InvalidOperationException or IOException)
        {
            ForwardingLog.Failed(_logger, room.RoomId, sessionId, e);
            await _hls.StopAsync(room, sessionId).ConfigureAwait(false);
        }
    }

    private async Task StopHlsForwardingAsync(MediaRoom room, IEnumerable<string> sessionIds)
    {
        foreach (var sessionId in sessionIds.ToList())
        {
            await _hls.StopAsync(room, sessionId).ConfigureAwait(false);
        }
    }
}
