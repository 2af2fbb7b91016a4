using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tributary.Media.Cascading;
using Tributary.Media.Engine;

namespace Tributary.Media.Janus;

/// <summary>
/// Cascading with VideoRoom remote publishers (Janus 1.1): the origin describes its station's streams and sends its
/// RTP with <c>publish_remotely</c> (remote id = the forward id); the target adds a remote publisher with the
/// station's session id as feed id (<c>add_remote_publisher</c>, bound to <see cref="JanusOptions.Interface"/>), so
/// viewers there subscribe to it exactly as to a local station.
/// </summary>
public sealed partial class JanusMediaEngine : ICascadeEngine
{
    // What add_remote_publisher takes of a stream's description; the rest of VideoRoom's publisher listing
    // (talking, moderated, …) is not part of it.
    private static readonly TimeSpan ListPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ListWait = TimeSpan.FromSeconds(3);

    private static readonly string[] RemoteStreamKeys =
        ["type", "mindex", "mid", "disabled", "codec", "description", "stereo", "fec", "dtx", "h264-profile", "vp9-profile", "simulcast", "svc"];

    /// <inheritdoc />
    public async Task<ForwardStep> DescribeStationAsync(MediaRoom room, string publisherSessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        string? streams = null;
        var outcome = await InRoomAsync(room, "FORWARD", (state, _) =>
        {
            if (state.Stations.TryGetValue(publisherSessionId, out var station) && station.Streams is { Count: > 0 } listed)
            {
                streams = RemoteStreams(listed).ToJsonString();
            }

            return Task.FromResult(MediaOutcome.Ok());
        }, cancellationToken, createState: false).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            return ForwardStep.Fail(outcome.Code, outcome.Message ?? "media server error");
        }

        return streams is null
            ? ForwardStep.Fail(4024, $"{publisherSessionId} publishes nothing on this media unit")
            : new ForwardStep(200, Streams: streams);
    }

    /// <inheritdoc />
    public async Task<ForwardStep> OpenForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, string streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        JsonArray described;
        try
        {
            described = JsonNode.Parse(streams) as JsonArray ?? throw new JsonException("not an array");
        }
        catch (JsonException e)
        {
            return ForwardStep.Fail(2001, $"the forwarded streams are not a JSON array: {e.Message}");
        }

        ForwardEndpoint? endpoint = null;
        var outcome = await InRoomAsync(room, "FORWARD", async (state, session) =>
        {
            if (state.Stations.ContainsKey(publisherSessionId))
            {
                return MediaOutcome.Fail(500, $"{publisherSessionId} publishes on this media unit itself: nothing to forward here");
            }

            if (state.Remotes.TryGetValue(publisherSessionId, out var existing))
            {
                if (existing.ForwardId == forwardId)
                {
                    endpoint = existing.Endpoint;
                    return MediaOutcome.Ok();
                }

                // Left by an older forward of the publisher (its station moved): replaced.
                await RemoveRemotePublisherAsync(state, session, room, publisherSessionId, cancellationToken).ConfigureAwait(false);
            }

            await EnsureJanusRoomAsync(state, session, room, cancellationToken).ConfigureAwait(false);
            var body = new JsonObject
            {
                ["request"] = "add_remote_publisher",
                ["room"] = room.RoomId,
                ["id"] = publisherSessionId,
                ["port"] = 0,
                ["streams"] = described,
            };
            if (_options.Interface is { Length: > 0 } address)
            {
                body["iface"] = address;
            }

            var added = await session.MessageAsync(_controlHandle, body, null, cancellationToken).ConfigureAwait(false);
            var host = added.Data["ip"]?.GetValue<string>();
            if (string.IsNullOrEmpty(host) || host is "0.0.0.0" or "::")
            {
                host = _options.Interface;
            }

            if (string.IsNullOrEmpty(host) || added.Data["port"]?.GetValue<int>() is not int port || port <= 0)
            {
                return MediaOutcome.Fail(500, "the media server opened the forward without a usable address (set Media:Janus:Interface)");
            }

            var opened = new ForwardEndpoint(host, port, added.Data["rtcp_port"]?.GetValue<int>() ?? 0);
            state.Remotes[publisherSessionId] = new RemotePublisher(forwardId, opened);
            if (!await ListedAsync(session, room, publisherSessionId, listed: true, cancellationToken).ConfigureAwait(false))
            {
                return MediaOutcome.Fail(500, "the media server did not list the forward's remote publisher in time");
            }

            endpoint = opened;
            Log.ForwardOpened(_logger, room.RoomId, publisherSessionId, forwardId, host, port);
            return MediaOutcome.Ok();
        }, cancellationToken).ConfigureAwait(false);
        return outcome.IsSuccess ? new ForwardStep(200, Endpoint: endpoint) : ForwardStep.Fail(outcome.Code, outcome.Message ?? "media server error");
    }

    /// <inheritdoc />
    public Task<MediaOutcome> StartForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, ForwardEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return InRoomAsync(room, "FORWARD", async (state, session) =>
        {
            if (!state.Stations.ContainsKey(publisherSessionId))
            {
                return MediaOutcome.Fail(4024, $"{publisherSessionId} publishes nothing on this media unit");
            }

            if (state.Remotizations.ContainsKey((publisherSessionId, forwardId)))
            {
                return MediaOutcome.Ok();
            }

            var body = new JsonObject
            {
                ["request"] = "publish_remotely",
                ["room"] = room.RoomId,
                ["publisher_id"] = publisherSessionId,
                ["remote_id"] = forwardId,
                ["host"] = endpoint.Host,
                ["port"] = endpoint.Port,
            };
            if (endpoint.RtcpPort > 0)
            {
                body["rtcp_port"] = endpoint.RtcpPort;
            }

            await session.MessageAsync(_controlHandle, body, null, cancellationToken).ConfigureAwait(false);
            state.Remotizations[(publisherSessionId, forwardId)] = endpoint;
            Log.ForwardStarted(_logger, room.RoomId, publisherSessionId, forwardId, endpoint.Host, endpoint.Port);
            return MediaOutcome.Ok();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, CancellationToken cancellationToken = default) =>
        await InRoomAsync(room, "FORWARD", async (state, session) =>
        {
            if (state.Remotizations.TryRemove((publisherSessionId, forwardId), out _) && state.Stations.ContainsKey(publisherSessionId))
            {
                await QuietlyAsync(room, () => session.MessageAsync(_controlHandle, new JsonObject
                {
                    ["request"] = "unpublish_remotely",
                    ["room"] = room.RoomId,
                    ["publisher_id"] = publisherSessionId,
                    ["remote_id"] = forwardId,
                }, null, cancellationToken)).ConfigureAwait(false);
                Log.ForwardStopped(_logger, room.RoomId, publisherSessionId, forwardId);
            }

            return MediaOutcome.Ok();
        }, cancellationToken, createState: false).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task CloseForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, CancellationToken cancellationToken = default) =>
        await InRoomAsync(room, "FORWARD", async (state, session) =>
        {
            if (state.Remotes.TryGetValue(publisherSessionId, out var remote) && remote.ForwardId == forwardId)
            {
                await RemoveRemotePublisherAsync(state, session, room, publisherSessionId, cancellationToken).ConfigureAwait(false);
            }

            return MediaOutcome.Ok();
        }, cancellationToken, createState: false).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task ReleaseDownlinkAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default) =>
        await InRoomAsync(room, "RELEASE", async (state, session) =>
        {
            if (state.Downlinks.TryRemove((viewerSessionId, publisherSessionId), out var downlink))
            {
                await DetachQuietlyAsync(session, downlink.Handle).ConfigureAwait(false);
            }

            return MediaOutcome.Ok();
        }, cancellationToken, createState: false).ConfigureAwait(false);

    /// <summary>
    /// Removes the room's remote publisher <paramref name="publisherSessionId"/>, if any (its subscribers lose it),
    /// and waits until the room no longer lists it, so its id can be taken again at once.
    /// </summary>
    private async Task RemoveRemotePublisherAsync(RoomState state, JanusSession session, MediaRoom room, string publisherSessionId, CancellationToken cancellationToken)
    {
        if (!state.Remotes.TryRemove(publisherSessionId, out var remote))
        {
            return;
        }

        await QuietlyAsync(room, async () =>
        {
            await session.MessageAsync(_controlHandle, new JsonObject
            {
                ["request"] = "remove_remote_publisher",
                ["room"] = room.RoomId,
                ["id"] = publisherSessionId,
            }, null, cancellationToken).ConfigureAwait(false);
            await ListedAsync(session, room, publisherSessionId, listed: false, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        Log.ForwardClosed(_logger, room.RoomId, publisherSessionId, remote.ForwardId);
    }

    /// <summary>
    /// Waits until the room lists <paramref name="publisherSessionId"/> among its participants or no longer does
    /// (<paramref name="listed"/>), polling every <see cref="ListPoll"/> for at most <see cref="ListWait"/>; whether it
    /// came to that. VideoRoom's remote publisher thread adds itself to the room's participants a moment after
    /// <c>add_remote_publisher</c> answers (a <c>remove_remote_publisher</c> before that answers "no such feed" and
    /// leaves it behind for good) and takes itself out a moment after <c>remove_remote_publisher</c> answers (until then
    /// its id cannot be taken again).
    /// </summary>
    private async Task<bool> ListedAsync(JanusSession session, MediaRoom room, string publisherSessionId, bool listed, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var answer = await session.MessageAsync(_controlHandle, new JsonObject { ["request"] = "listparticipants", ["room"] = room.RoomId }, null, cancellationToken).ConfigureAwait(false);
            var present = answer.Data["participants"] is JsonArray participants
                && participants.Any(p => p?["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>() == publisherSessionId);
            if (present == listed)
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(started) >= ListWait)
            {
                return false;
            }

            await Task.Delay(ListPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A tear-down request whose failure leaves nothing to do (the room, publisher or forward is gone already).</summary>
    private async Task QuietlyAsync(MediaRoom room, Func<Task> request)
    {
        try
        {
            await request().ConfigureAwait(false);
        }
        catch (JanusException e)
        {
            Log.ForwardTeardownFailed(_logger, room.RoomId, e.Code, e.Message);
        }
    }

    /// <summary>VideoRoom's description of a publisher's streams in its <c>configured</c> answer, if any.</summary>
    private static JsonArray? StreamsOf(JanusPluginResult result) => result.Data["streams"] as JsonArray;

    /// <summary>The streams as <c>add_remote_publisher</c> takes them.</summary>
    internal static JsonArray RemoteStreams(JsonArray streams)
    {
        var described = new JsonArray();
        foreach (var stream in streams.OfType<JsonObject>())
        {
            var copy = new JsonObject();
            foreach (var key in RemoteStreamKeys)
            {
                if (stream[key] is { } value)
                {
                    copy[key] = value.DeepClone();
                }
            }

            described.Add(copy);
        }

        return described;
    }

    /// <summary>A publisher of another munit forwarded to this one, and the endpoint its forward sends to.</summary>
    private sealed record RemotePublisher(string ForwardId, ForwardEndpoint Endpoint);
}
