using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tributary.Media.Janus;

namespace Tributary.Studio.Sources;

/// <summary>
/// Takes the on-stage publishers' media out of this node's Janus: it learns each publisher's streams (mid, codec)
/// by joining the VideoRoom briefly as a participant that publishes nothing (the <c>joined</c> answer lists the
/// publishers), then asks VideoRoom to <c>rtp_forward</c> them to the feeds' taps. A publisher who leaves stops
/// sending, its taps go quiet and the session drops it from the picture; one who comes back is forwarded again.
/// </summary>
internal sealed class PublisherSources(JanusUnit janus, string roomId, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private const string VideoRoom = "janus.plugin.videoroom";
    private static readonly TimeSpan LookupInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QuietFeed = TimeSpan.FromSeconds(4);
    private readonly Dictionary<string, PublisherFeed> _feeds = new(StringComparer.Ordinal);
    private JanusSession? _session;
    private long _handle;
    private long _lastLookup = long.MinValue;

    /// <summary>The feed of <paramref name="sessionId"/>, or null.</summary>
    public PublisherFeed? Feed(string sessionId) => _feeds.GetValueOrDefault(sessionId);

    /// <summary>Makes sure every wanted publisher that is in the room is forwarded; drops feeds no longer wanted or long quiet.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
    {
        foreach (var (sessionId, feed) in _feeds.ToList())
        {
            var quiet = time.GetElapsedTime(feed.CreatedAt) > QuietFeed
                && !(feed.Video?.IsLive(QuietFeed) ?? false) && !(feed.Audio?.IsLive(QuietFeed) ?? false);
            if (!wanted.Contains(sessionId) || quiet)
            {
                _feeds.Remove(sessionId);
                await StopForwardingAsync(feed, cancellationToken).ConfigureAwait(false);
                await feed.DisposeAsync().ConfigureAwait(false);
            }
        }

        var missing = wanted.Where(w => !_feeds.ContainsKey(w)).ToList();
        if (missing.Count == 0 || (_lastLookup != long.MinValue && time.GetElapsedTime(_lastLookup) < LookupInterval))
        {
            return;
        }

        _lastLookup = time.GetTimestamp();
        try
        {
            var publishers = await PublishersAsync(cancellationToken).ConfigureAwait(false);
            foreach (var sessionId in missing)
            {
                if (publishers.TryGetValue(sessionId, out var streams))
                {
                    await ForwardAsync(sessionId, streams, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is JanusException or HttpRequestException or InvalidOperationException)
        {
            SourcesLog.LookupFailed(logger, roomId, e);
            if (_session is { IsOpen: false })
            {
                _session = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _feeds.Values)
        {
            await StopForwardingAsync(feed, CancellationToken.None).ConfigureAwait(false);
            await feed.DisposeAsync().ConfigureAwait(false);
        }

        _feeds.Clear();
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<JanusSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsOpen: true } open)
        {
            return open;
        }

        _session = await janus.CreateSessionAsync(cancellationToken).ConfigureAwait(false);
        _handle = await _session.AttachAsync(VideoRoom, cancellationToken).ConfigureAwait(false);
        return _session;
    }

    // Publisher id → its active streams (type, mid, codec), from a short join as a non-publishing participant.
    private async Task<Dictionary<string, List<(string Type, string Mid, string Codec)>>> PublishersAsync(CancellationToken cancellationToken)
    {
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var probe = await session.AttachAsync(VideoRoom, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, List<(string, string, string)>>(StringComparer.Ordinal);
        try
        {
            var joined = await session.MessageAsync(probe, new JsonObject
            {
                ["request"] = "join",
                ["ptype"] = "publisher",
                ["room"] = roomId,
                ["display"] = "studio",
            }, null, cancellationToken).ConfigureAwait(false);
            foreach (var publisher in joined.Data["publishers"]?.AsArray() ?? [])
            {
                if (publisher?["id"]?.ToString() is not { } id)
                {
                    continue;
                }

                var streams = new List<(string, string, string)>();
                foreach (var stream in publisher["streams"]?.AsArray() ?? [])
                {
                    if (stream?["disabled"]?.GetValue<bool>() == true)
                    {
                        continue;
                    }

                    if (stream?["type"]?.GetValue<string>() is { } type && stream["mid"]?.ToString() is { } mid && stream["codec"]?.GetValue<string>() is { } codec)
                    {
                        streams.Add((type, mid, codec.ToLowerInvariant()));
                    }
                }

                result[id] = streams;
            }
        }
        catch (JanusException e) when (e.FromPlugin)
        {
            // No such room yet (nobody published): no publishers.
        }
        finally
        {
            try
            {
                await session.DetachAsync(probe, cancellationToken).ConfigureAwait(false);
            }
            catch (JanusException)
            {
            }
        }

        return result;
    }

    private async Task ForwardAsync(string sessionId, List<(string Type, string Mid, string Codec)> streams, CancellationToken cancellationToken)
    {
        var audio = streams.FirstOrDefault(s => s.Type == "audio" && PublisherFeed.RtpMap(s.Codec) is not null);
        var video = streams.FirstOrDefault(s => s.Type == "video" && PublisherFeed.RtpMap(s.Codec) is not null);
        if (audio.Mid is null && video.Mid is null)
        {
            return;
        }

        var feed = new PublisherFeed(sessionId, audio.Mid is null ? null : audio.Codec, video.Mid is null ? null : video.Codec, time) { CreatedAt = time.GetTimestamp() };
        var forwarded = new JsonArray();
        if (feed.Audio is not null)
        {
            forwarded.Add(new JsonObject { ["mid"] = audio.Mid, ["port"] = feed.Audio.Port, ["pt"] = PublisherFeed.AudioPayloadType });
        }

        if (feed.Video is not null)
        {
            forwarded.Add(new JsonObject { ["mid"] = video.Mid, ["port"] = feed.Video.Port, ["pt"] = PublisherFeed.VideoPayloadType });
        }

        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var answer = await session.MessageAsync(_handle, new JsonObject
        {
            ["request"] = "rtp_forward",
            ["room"] = roomId,
            ["publisher_id"] = sessionId,
            ["host"] = "127.0.0.1",
            ["host_family"] = "ipv4",
            ["streams"] = forwarded,
        }, null, cancellationToken).ConfigureAwait(false);
        foreach (var forwarder in answer.Data["forwarders"]?.AsArray() ?? [])
        {
            if (forwarder?["stream_id"] is JsonValue id)
            {
                feed.StreamIds.Add(id.GetValue<long>());
            }
        }

        _feeds[sessionId] = feed;
        SourcesLog.Forwarded(logger, roomId, sessionId, feed.AudioCodec ?? "none", feed.VideoCodec ?? "none");
    }

    private async Task StopForwardingAsync(PublisherFeed feed, CancellationToken cancellationToken)
    {
        if (_session is not { IsOpen: true } session)
        {
            return;
        }

        foreach (var streamId in feed.StreamIds)
        {
            try
            {
                await session.MessageAsync(_handle, new JsonObject
                {
                    ["request"] = "stop_rtp_forward",
                    ["room"] = roomId,
                    ["publisher_id"] = feed.SessionId,
                    ["stream_id"] = streamId,
                }, null, cancellationToken).ConfigureAwait(false);
            }
            catch (JanusException)
            {
                // The publisher left: Janus dropped its forwarders already.
            }
        }
    }
}
