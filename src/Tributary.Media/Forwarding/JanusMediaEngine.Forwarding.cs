using System.Text.Json.Nodes;
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

            var forwarded = new JsonArray();
            if (audio is not null && target.AudioPort > 0)
            {
                forwarded.Add(new JsonObject { ["mid"] = audio.Mid, ["port"] = target.AudioPort, ["pt"] = target.AudioPayloadType });
            }

            if (video is not null && target.VideoPort > 0)
            {
                forwarded.Add(new JsonObject { ["mid"] = video.Mid, ["port"] = target.VideoPort, ["pt"] = target.VideoPayloadType });
            }

            await session.MessageAsync(handle, new JsonObject
            {
                ["request"] = "rtp_forward",
                ["room"] = room.RoomId,
                ["publisher_id"] = sessionId,
                ["host"] = target.Host,
                ["host_family"] = "ipv4",
                ["streams"] = forwarded,
            }, null, cancellationToken).ConfigureAwait(false);
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
