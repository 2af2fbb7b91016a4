using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Media.Engine;

namespace Tributary.Media.Janus;

/// <summary>
/// The media engine on one local munit: a VideoRoom room per Tributary room, a publisher handle (station)
/// per publishing session, a subscriber handle (downlink) per (viewer, publisher). Calls on one room are
/// serialised so a repeated OFFER or WATCH never leaves a second station or downlink behind. Janus failures
/// become <see cref="MediaOutcome"/> codes from SIGNALING.md, never exceptions to the room logic.
/// </summary>
public sealed partial class JanusMediaEngine : IMediaEngine, IAsyncDisposable
{
    private const string VideoRoom = "janus.plugin.videoroom";

    private readonly JanusUnit _unit;
    private readonly JanusOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RoomState> _rooms = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private JanusSession? _session;
    private long _controlHandle;

    /// <summary>Creates the engine over a started (or starting) unit.</summary>
    public JanusMediaEngine(JanusUnit unit, IOptions<JanusOptions> options, ILogger<JanusMediaEngine> logger, Forwarding.IHlsForwarding? hlsForwarding = null)
    {
        _hls = hlsForwarding ?? _hls;
        ArgumentNullException.ThrowIfNull(options);
        _unit = unit;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The Janus session the engine uses now (for tests and the admin API), or null before the first call.</summary>
    internal long? JanusSessionId => _session is { IsOpen: true } session ? session.Id : null;

    /// <inheritdoc />
    public Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding, CancellationToken cancellationToken = default) =>
        InRoomAsync(room, "OFFER", async (state, session) =>
        {
            if (room.AudioOnly && HasActiveVideo(offerSdp))
            {
                return MediaOutcome.Fail(2001, "a2m rooms are audio only: the offer must not send video");
            }

            await EnsureJanusRoomAsync(state, session, room, cancellationToken).ConfigureAwait(false);
            var jsep = new JsonObject { ["type"] = "offer", ["sdp"] = offerSdp };
            var mids = MidsOf(offerSdp);
            if (state.Stations.TryGetValue(sessionId, out var existing))
            {
                // A repeated OFFER, or op.restarting's ICE restart (Janus sees the new ICE credentials in the offer
                // and restarts ICE), renegotiates the same station: its downlinks stay attached.
                if (restarting)
                {
                    jsep["restart"] = true;
                }

                var renegotiated = await session.MessageAsync(existing.Handle, Configure(room), jsep, cancellationToken).ConfigureAwait(false);
                var updated = existing with { AudioMid = mids.Audio, VideoMid = mids.Video, Streams = StreamsOf(renegotiated) ?? existing.Streams };
                state.Stations[sessionId] = updated;
                Log.StationRenegotiated(_logger, room.RoomId, sessionId, restarting);
                if (!(updated.SendAudio && updated.SendVideo))
                {
                    // A muted publisher stays muted across renegotiations.
                    await ApplySendingAsync(session, updated, cancellationToken).ConfigureAwait(false);
                }

                return Answer(renegotiated);
            }

            // A remote publisher of the same session (a forward to this munit from its earlier munit) would hold the id.
            await RemoveRemotePublisherAsync(state, session, room, sessionId, cancellationToken).ConfigureAwait(false);
            var handle = await session.AttachAsync(VideoRoom, cancellationToken).ConfigureAwait(false);
            try
            {
                var body = Configure(room);
                body["request"] = "joinandconfigure";
                body["ptype"] = "publisher";
                body["room"] = room.RoomId;
                body["id"] = sessionId;
                var joined = await session.MessageAsync(handle, body, jsep, cancellationToken).ConfigureAwait(false);
                state.Stations[sessionId] = new Station(handle, mids.Audio, mids.Video, SendAudio: true, SendVideo: true, StreamsOf(joined));
                Log.StationCreated(_logger, room.RoomId, sessionId, handle);
                await ForwardToHlsAsync(session, handle, room, sessionId, hlsForwarding, joined, cancellationToken).ConfigureAwait(false);
                return Answer(joined);
            }
            catch
            {
                await DetachQuietlyAsync(session, handle).ConfigureAwait(false);
                throw;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);

        // VideoRoom refuses (428) a subscription to a publisher whose PeerConnection is not up yet: wait for its
        // webrtcup first, outside the room's gate (the publisher's own ICE candidates may still have to pass it).
        if (_rooms.TryGetValue(room.RoomId, out var current) && current.Stations.TryGetValue(publisherSessionId, out var station)
            && !await WaitForMediaAsync(station.Handle, _options.PublisherReadyTimeout, cancellationToken).ConfigureAwait(false))
        {
            Log.PublisherNotReady(_logger, room.RoomId, publisherSessionId, _options.PublisherReadyTimeout);
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await InRoomAsync(room, "WATCH", (state, session) => SubscribeAsync(state, session, room, viewerSessionId, publisherSessionId, cancellationToken), cancellationToken).ConfigureAwait(false);

            // webrtcup can reach us a moment before VideoRoom lists the publisher's streams: retry a 428 briefly.
            if (outcome.Code != 4024 || attempt == 3 || !(_rooms.TryGetValue(room.RoomId, out var now) && now.Publishes(publisherSessionId)))
            {
                return outcome;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MediaOutcome> SubscribeAsync(RoomState state, JanusSession session, MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken)
    {
            if (!state.Publishes(publisherSessionId))
            {
                return MediaOutcome.Fail(4024, $"{publisherSessionId} publishes nothing in this room");
            }

            var key = (viewerSessionId, publisherSessionId);
            if (state.Downlinks.TryRemove(key, out var old))
            {
                await DetachQuietlyAsync(session, old.Handle).ConfigureAwait(false);
            }

            var handle = await session.AttachAsync(VideoRoom, cancellationToken).ConfigureAwait(false);
            try
            {
                var attached = await session.MessageAsync(handle, new JsonObject
                {
                    ["request"] = "join",
                    ["ptype"] = "subscriber",
                    ["room"] = room.RoomId,
                    ["streams"] = new JsonArray(new JsonObject { ["feed"] = publisherSessionId }),
                }, null, cancellationToken).ConfigureAwait(false);
                if (attached.Sdp is not { } offer)
                {
                    await DetachQuietlyAsync(session, handle).ConfigureAwait(false);
                    return MediaOutcome.Fail(500, "Janus attached the downlink without an offer");
                }

                var videoMid = attached.Data["streams"]?.AsArray()
                    .FirstOrDefault(s => s?["type"]?.GetValue<string>() == "video")?["mid"]?.GetValue<string>();
                state.Downlinks[key] = new Downlink(handle, videoMid);
                Log.DownlinkCreated(_logger, room.RoomId, viewerSessionId, publisherSessionId, handle);
                return MediaOutcome.WithSdp(offer);
            }
            catch
            {
                await DetachQuietlyAsync(session, handle).ConfigureAwait(false);
                throw;
            }
    }

    /// <inheritdoc />
    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default) =>
        InRoomAsync(room, "ANSWER", async (state, session) =>
        {
            if (!state.Downlinks.TryGetValue((viewerSessionId, publisherSessionId), out var downlink))
            {
                return MediaOutcome.Fail(4024, $"no downlink of {publisherSessionId} to answer: WATCH first");
            }

            await session.MessageAsync(downlink.Handle, new JsonObject { ["request"] = "start" }, new JsonObject { ["type"] = "answer", ["sdp"] = answerSdp }, cancellationToken).ConfigureAwait(false);
            return MediaOutcome.Ok();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default) =>
        InRoomAsync(room, "ICE", async (state, session) =>
        {
            long handle;
            if (publisherSessionId is null)
            {
                if (!state.Stations.TryGetValue(sessionId, out var station))
                {
                    return MediaOutcome.Fail(2001, "ICE for an uplink that was never offered");
                }

                handle = station.Handle;
            }
            else if (state.Downlinks.TryGetValue((sessionId, publisherSessionId), out var downlink))
            {
                handle = downlink.Handle;
            }
            else
            {
                return MediaOutcome.Fail(4024, $"no downlink of {publisherSessionId} for this ICE candidate");
            }

            if (ParseCandidate(candidate) is not { } parsed)
            {
                return MediaOutcome.Fail(2001, "candidate is neither RTCIceCandidateInit JSON nor a candidate line");
            }

            await session.TrickleAsync(handle, parsed, cancellationToken).ConfigureAwait(false);
            return MediaOutcome.Ok();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default) =>
        InRoomAsync(room, "SIMULCAST_UPDATE", async (state, session) =>
        {
            int? substream = layer switch { "h" => 2, "m" => 1, "l" => 0, "auto" => -1, _ => null };
            if (substream is null)
            {
                return MediaOutcome.Fail(2001, $"layer '{layer}' is not one of h, m, l, auto");
            }

            if (!state.Downlinks.TryGetValue((viewerSessionId, publisherSessionId), out var downlink))
            {
                return MediaOutcome.Fail(4024, $"no downlink of {publisherSessionId}: WATCH first");
            }

            if (downlink.VideoMid is null)
            {
                return MediaOutcome.Fail(2002, "this downlink carries no video");
            }

            if (substream < 0)
            {
                // "auto": the server chooses from what Janus measured of this downlink's path (DownlinkEstimate).
                int? quality;
                try
                {
                    quality = DownlinkEstimate.VideoLinkQuality(await _unit.HandleInfoAsync(session.Id, downlink.Handle, cancellationToken).ConfigureAwait(false));
                }
                catch (JanusException e)
                {
                    // No reading is no estimate: the top layer, as before any receiver report.
                    Log.JanusFailed(_logger, "SIMULCAST_UPDATE", room.RoomId, e.Code, e.Message);
                    quality = null;
                }

                substream = DownlinkEstimate.Substream(quality, _options);
                Log.AutoLayerChosen(_logger, room.RoomId, downlink.Handle, quality, substream.Value);
            }

            var switching = ExpectSubstream(downlink.Handle, substream.Value);
            await session.MessageAsync(downlink.Handle, new JsonObject
            {
                ["request"] = "configure",
                ["streams"] = new JsonArray(new JsonObject { ["mid"] = downlink.VideoMid, ["substream"] = substream }),
            }, null, cancellationToken).ConfigureAwait(false);

            // Without a keyframe the switch can wait ~10 s for the room's periodic request (MEDIA-TESTING.md): ask
            // the publisher for one now, and again until VideoRoom reports the switch (in the background: the ack
            // does not wait for the picture).
            if (state.Stations.TryGetValue(publisherSessionId, out var station))
            {
                _ = RequestKeyframesUntilSwitchedAsync(session, room.RoomId, station.Handle, downlink.Handle, substream.Value, switching);
            }

            return MediaOutcome.Ok();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video, CancellationToken cancellationToken = default) =>
        InRoomAsync(room, "UPDATE", async (state, session) =>
        {
            if (!state.Stations.TryGetValue(sessionId, out var station))
            {
                // Not publishing (yet): nothing to relay or stop. The next OFFER starts with both relayed.
                return MediaOutcome.Ok();
            }

            var updated = station with { SendAudio = audio, SendVideo = video };
            state.Stations[sessionId] = updated;
            await ApplySendingAsync(session, updated, cancellationToken).ConfigureAwait(false);
            Log.SendingChanged(_logger, room.RoomId, sessionId, audio, video);
            return MediaOutcome.Ok();
        }, cancellationToken);

    /// <summary>Tells VideoRoom which of the station's streams to relay to its subscribers (<c>configure streams[].send</c>).</summary>
    private static async Task ApplySendingAsync(JanusSession session, Station station, CancellationToken cancellationToken)
    {
        var streams = new JsonArray();
        if (station.AudioMid is { } audioMid)
        {
            streams.Add(new JsonObject { ["mid"] = audioMid, ["send"] = station.SendAudio });
        }

        if (station.VideoMid is { } videoMid)
        {
            streams.Add(new JsonObject { ["mid"] = videoMid, ["send"] = station.SendVideo });
        }

        if (streams.Count > 0)
        {
            await session.MessageAsync(station.Handle, new JsonObject { ["request"] = "configure", ["streams"] = streams }, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseSessionAsync(MediaRoom room, string sessionId, CancellationToken cancellationToken = default) =>
        await InRoomAsync(room, "RELEASE", async (state, session) =>
        {
            var handles = new List<long>();
            if (state.Stations.TryRemove(sessionId, out var station))
            {
                handles.Add(station.Handle);
                await StopHlsForwardingAsync(room, [sessionId]).ConfigureAwait(false);
            }

            // The session's remote publisher here (its station lives on another munit) goes with it; its station's
            // forwards go with the station (Janus stops a publisher's remotizations when it leaves).
            await RemoveRemotePublisherAsync(state, session, room, sessionId, cancellationToken).ConfigureAwait(false);
            foreach (var forward in state.Remotizations.Keys.Where(k => k.Publisher == sessionId).ToList())
            {
                state.Remotizations.TryRemove(forward, out _);
            }

            foreach (var tap in state.Taps.Keys.Where(k => k.Publisher == sessionId).ToList())
            {
                state.Taps.TryRemove(tap, out _);
            }

            foreach (var key in state.Downlinks.Keys.Where(k => k.Viewer == sessionId || k.Publisher == sessionId).ToList())
            {
                if (state.Downlinks.TryRemove(key, out var downlink))
                {
                    handles.Add(downlink.Handle);
                }
            }

            foreach (var handle in handles)
            {
                await DetachQuietlyAsync(session, handle).ConfigureAwait(false);
            }

            Log.SessionReleased(_logger, room.RoomId, sessionId, handles.Count);
            return MediaOutcome.Ok();
        }, cancellationToken, createState: false).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default)
    {
        await InRoomAsync(room, "CLOSE", async (state, session) =>
        {
            foreach (var handle in state.Stations.Values.Select(s => s.Handle).Concat(state.Downlinks.Values.Select(d => d.Handle)).ToList())
            {
                await DetachQuietlyAsync(session, handle).ConfigureAwait(false);
            }

            await StopHlsForwardingAsync(room, state.Stations.Keys).ConfigureAwait(false);
            state.Stations.Clear();
            state.Downlinks.Clear();
            state.Remotes.Clear();
            state.Remotizations.Clear();
            state.Taps.Clear();
            if (state.Created)
            {
                try
                {
                    await session.MessageAsync(_controlHandle, new JsonObject { ["request"] = "destroy", ["room"] = room.RoomId }, null, cancellationToken).ConfigureAwait(false);
                }
                catch (JanusException e) when (e.Code == JanusErrorCodes.NoSuchRoom)
                {
                }
            }

            return MediaOutcome.Ok();
        }, cancellationToken, createState: false).ConfigureAwait(false);
        _rooms.TryRemove(room.RoomId, out _);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _sessionGate.Dispose();
    }

    private async Task<MediaOutcome> InRoomAsync(MediaRoom room, string signal, Func<RoomState, JanusSession, Task<MediaOutcome>> action, CancellationToken cancellationToken, bool createState = true)
    {
        RoomState? state;
        if (createState)
        {
            state = _rooms.GetOrAdd(room.RoomId, _ => new RoomState());
        }
        else if (!_rooms.TryGetValue(room.RoomId, out state))
        {
            return MediaOutcome.Ok();
        }

        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
            if (state.Epoch != session.Id)
            {
                // Janus restarted (new session): whatever this room had there is gone.
                state.Reset(session.Id);
            }

            return await action(state, session).ConfigureAwait(false);
        }
        catch (JanusException e)
        {
            var outcome = Map(e);
            Log.JanusFailed(_logger, signal, room.RoomId, outcome.Code, e.Message);
            return outcome;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<JanusSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsOpen: true } open)
        {
            return open;
        }

        await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is { IsOpen: true } raced)
            {
                return raced;
            }

            if (_session is { } closed)
            {
                await closed.DisposeAsync().ConfigureAwait(false);
            }

            var session = await _unit.CreateSessionAsync(cancellationToken).ConfigureAwait(false);
            _controlHandle = await session.AttachAsync(VideoRoom, cancellationToken).ConfigureAwait(false);
            _session = session;
            _ = PumpEventsAsync(session);
            return session;
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    private async Task EnsureJanusRoomAsync(RoomState state, JanusSession session, MediaRoom room, CancellationToken cancellationToken)
    {
        if (state.Created)
        {
            return;
        }

        var create = new JsonObject
        {
            ["request"] = "create",
            ["room"] = room.RoomId,
            ["publishers"] = _options.RoomPublishers,
            ["bitrate"] = _options.RoomBitrate,
            ["fir_freq"] = _options.KeyframeIntervalSeconds,
            ["audiocodec"] = "opus",
            ["videocodec"] = "vp8,h264",
            ["notify_joining"] = false,
        };
        try
        {
            await session.MessageAsync(_controlHandle, create, null, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusException e) when (e.Code == JanusErrorCodes.RoomExists)
        {
            // Left over from an earlier engine on the same Janus: reuse it.
        }

        state.Created = true;
    }

    private static JsonObject Configure(MediaRoom room) => new()
    {
        ["request"] = "configure",
        ["audio"] = true,
        ["video"] = !room.AudioOnly,
    };

    private static MediaOutcome Answer(JanusPluginResult result) =>
        result.Sdp is { } sdp ? MediaOutcome.WithSdp(sdp) : MediaOutcome.Fail(500, "Janus accepted the offer without an answer");

    /// <summary>The <c>a=mid</c> of the first audio and the first video m-line of an offer.</summary>
    private static (string? Audio, string? Video) MidsOf(string sdp)
    {
        string? audio = null, video = null, kind = null;
        foreach (var raw in sdp.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("m=", StringComparison.Ordinal))
            {
                kind = line[2..].Split(' ')[0];
            }
            else if (line.StartsWith("a=mid:", StringComparison.Ordinal))
            {
                var mid = line["a=mid:".Length..];
                if (kind == "audio")
                {
                    audio ??= mid;
                }
                else if (kind == "video")
                {
                    video ??= mid;
                }
            }
        }

        return (audio, video);
    }

    private static bool HasActiveVideo(string sdp) =>
        sdp.Split('\n').Any(line => line.StartsWith("m=video ", StringComparison.Ordinal) && !line.StartsWith("m=video 0 ", StringComparison.Ordinal));

    /// <summary>RTCIceCandidateInit JSON, or a bare <c>candidate:</c> line (for m-line 0).</summary>
    internal static JsonObject? ParseCandidate(string candidate)
    {
        var text = candidate.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text) is JsonObject json && json["candidate"] is JsonValue ? json : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        if (text.StartsWith("a=", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.StartsWith("candidate:", StringComparison.Ordinal) ? new JsonObject { ["candidate"] = text, ["sdpMLineIndex"] = 0 } : null;
    }

    /// <summary>Janus failures as SIGNALING.md codes.</summary>
    internal static MediaOutcome Map(JanusException e) => e.Code switch
    {
        JanusErrorCodes.InvalidJsep => MediaOutcome.Fail(2001, $"the SDP was refused by the media server: {e.Reason}"),
        JanusErrorCodes.NoSuchFeed => MediaOutcome.Fail(4024, $"the publisher has left: {e.Reason}"),
        432 when e.FromPlugin => MediaOutcome.Fail(4025, $"the room has its maximum of publishers: {e.Reason}"),
        _ => MediaOutcome.Fail(500, $"media server error {e.Code}: {e.Reason}"),
    };

    private async Task DetachQuietlyAsync(JanusSession session, long handle)
    {
        try
        {
            await session.DetachAsync(handle).ConfigureAwait(false);
        }
        catch (JanusException e)
        {
            Log.DetachFailed(_logger, handle, e.Message);
        }
        finally
        {
            ForgetHandle(handle);
        }
    }

    private sealed record Downlink(long Handle, string? VideoMid);

    /// <summary>A publisher's uplink: its handle, the mids of its audio and video, and whether each is relayed (UPDATE).</summary>
    /// <remarks><see cref="Streams"/> is VideoRoom's description of its streams (for a forward's <c>add_remote_publisher</c>).</remarks>
    private sealed record Station(long Handle, string? AudioMid, string? VideoMid, bool SendAudio, bool SendVideo, JsonArray? Streams = null);

    private sealed class RoomState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long Epoch { get; private set; }

        public bool Created { get; set; }

        public ConcurrentDictionary<string, Station> Stations { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<(string Viewer, string Publisher), Downlink> Downlinks { get; } = new();

        /// <summary>Target side of cascading: publishers of other munits forwarded here, by session id.</summary>
        public ConcurrentDictionary<string, RemotePublisher> Remotes { get; } = new(StringComparer.Ordinal);

        /// <summary>Origin side of cascading: the forwards this munit's stations send (publisher, forward id).</summary>
        public ConcurrentDictionary<(string Publisher, string ForwardId), Cascading.ForwardEndpoint> Remotizations { get; } = new();

        /// <summary>Taps of this munit's stations (publisher, tap id) and the forwarder ids Janus gave them.</summary>
        public ConcurrentDictionary<(string Publisher, string TapId), long[]> Taps { get; } = new();

        /// <summary>True when viewers here can subscribe to <paramref name="sessionId"/>: a local station or a remote publisher.</summary>
        public bool Publishes(string sessionId) => Stations.ContainsKey(sessionId) || Remotes.ContainsKey(sessionId);

        public void Reset(long epoch)
        {
            Epoch = epoch;
            Created = false;
            Stations.Clear();
            Downlinks.Clear();
            Remotes.Clear();
            Remotizations.Clear();
            Taps.Clear();
        }
    }
}
