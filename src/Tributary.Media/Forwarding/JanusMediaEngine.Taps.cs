using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;

namespace Tributary.Media.Janus;

// Taps (IRtpTapEngine): a station's streams by rtp_forward to a listener outside Janus, kept per tap id so a
// close stops exactly the forwarders its open started.
public sealed partial class JanusMediaEngine : IRtpTapEngine
{
    /// <inheritdoc />
    public Task<MediaOutcome> OpenTapAsync(MediaRoom room, string publisherSessionId, string tapId, RtpTapTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return InRoomAsync(room, "TAP", async (state, session) =>
        {
            if (!state.Stations.ContainsKey(publisherSessionId))
            {
                return MediaOutcome.Fail(4024, $"{publisherSessionId} publishes nothing on this media unit");
            }

            if (state.Taps.ContainsKey((publisherSessionId, tapId)))
            {
                return MediaOutcome.Ok();
            }

            if (target.AudioMid is null && target.VideoMid is null)
            {
                return MediaOutcome.Fail(2001, "a tap names no stream (neither an audio nor a video mid)");
            }

            var forwarders = await RtpForwardAsync(session, _controlHandle, room, publisherSessionId, target, cancellationToken).ConfigureAwait(false);
            state.Taps[(publisherSessionId, tapId)] = forwarders;
            Log.TapOpened(_logger, room.RoomId, publisherSessionId, tapId, target.Host, target.AudioPort, target.VideoPort);
            return MediaOutcome.Ok();
        }, cancellationToken);
    }

    /// <summary>
    /// VideoRoom <c>rtp_forward</c> of the publisher's streams the target names (the one request of taps and of the HLS
    /// packager's forwarding); answers the forwarder ids Janus gave them.
    /// </summary>
    private static async Task<long[]> RtpForwardAsync(JanusSession session, long handle, MediaRoom room, string publisherSessionId, RtpTapTarget target, CancellationToken cancellationToken)
    {
        var streams = new JsonArray();
        if (target.AudioMid is { } audioMid)
        {
            streams.Add(new JsonObject { ["mid"] = audioMid, ["port"] = target.AudioPort, ["pt"] = target.AudioPayloadType });
        }

        if (target.VideoMid is { } videoMid)
        {
            var video = new JsonObject { ["mid"] = videoMid, ["port"] = target.VideoPort, ["pt"] = target.VideoPayloadType };
            if (target.VideoRtcpPort > 0)
            {
                video["rtcp_port"] = target.VideoRtcpPort;
            }

            streams.Add(video);
        }

        var answer = await session.MessageAsync(handle, new JsonObject
        {
            ["request"] = "rtp_forward",
            ["room"] = room.RoomId,
            ["publisher_id"] = publisherSessionId,
            ["host"] = target.Host,
            ["host_family"] = "ipv4",
            ["streams"] = streams,
        }, null, cancellationToken).ConfigureAwait(false);
        return [.. (answer.Data["forwarders"]?.AsArray() ?? [])
            .Select(f => f?["stream_id"] is JsonValue id ? id.GetValue<long>() : 0)
            .Where(id => id != 0)];
    }

    /// <inheritdoc />
    public async Task CloseTapAsync(MediaRoom room, string publisherSessionId, string tapId, CancellationToken cancellationToken = default) =>
        await InRoomAsync(room, "TAP", async (state, session) =>
        {
            if (state.Taps.TryRemove((publisherSessionId, tapId), out var forwarders) && state.Stations.ContainsKey(publisherSessionId))
            {
                foreach (var streamId in forwarders)
                {
                    await QuietlyAsync(room, () => session.MessageAsync(_controlHandle, new JsonObject
                    {
                        ["request"] = "stop_rtp_forward",
                        ["room"] = room.RoomId,
                        ["publisher_id"] = publisherSessionId,
                        ["stream_id"] = streamId,
                    }, null, cancellationToken)).ConfigureAwait(false);
                }

                Log.TapClosed(_logger, room.RoomId, publisherSessionId, tapId);
            }

            return MediaOutcome.Ok();
        }, cancellationToken, createState: false).ConfigureAwait(false);
}
