using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;

namespace Tributary.Studio.Sources;

/// <summary>
/// Takes the on-stage publishers' media out of the munits that hold their stations, on whichever node they run: it
/// asks where each publisher's station is and what it sends (<see cref="StationLocator"/>), then opens a tap there
/// (VideoRoom <c>rtp_forward</c>) to the feed's ports on this node's <see cref="StudioOptions.SourceAddress"/>. A
/// publisher who leaves stops sending, its taps go quiet and the session drops it from the picture; one who comes
/// back, or whose station moved to another munit, is found and tapped again.
/// </summary>
internal sealed class PublisherSources(StationLocator stations, string roomId, IPAddress address, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan LookupInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QuietFeed = TimeSpan.FromSeconds(4);
    private readonly MediaRoom _room = new(roomId, AudioOnly: false);
    private readonly Dictionary<string, PublisherFeed> _feeds = new(StringComparer.Ordinal);
    private long _lastLookup = long.MinValue;

    /// <summary>The feed of <paramref name="sessionId"/>, or null.</summary>
    public PublisherFeed? Feed(string sessionId) => _feeds.GetValueOrDefault(sessionId);

    /// <summary>Makes sure every wanted publisher that publishes somewhere is tapped; drops feeds no longer wanted or long quiet.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
    {
        foreach (var (sessionId, feed) in _feeds.ToList())
        {
            var quiet = time.GetElapsedTime(feed.CreatedAt) > QuietFeed
                && !(feed.Video?.IsLive(QuietFeed) ?? false) && !(feed.Audio?.IsLive(QuietFeed) ?? false);
            if (!wanted.Contains(sessionId) || quiet)
            {
                _feeds.Remove(sessionId);
                await CloseAsync(feed).ConfigureAwait(false);
            }
        }

        var missing = wanted.Where(w => !_feeds.ContainsKey(w)).ToList();
        if (missing.Count == 0 || (_lastLookup != long.MinValue && time.GetElapsedTime(_lastLookup) < LookupInterval))
        {
            return;
        }

        _lastLookup = time.GetTimestamp();
        foreach (var sessionId in missing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await TapAsync(sessionId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A munit or the registry unreachable (Orleans), a station gone meanwhile: asked again next time.
                SourcesLog.LookupFailed(logger, roomId, sessionId, e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _feeds.Values)
        {
            await CloseAsync(feed).ConfigureAwait(false);
        }

        _feeds.Clear();
    }

    private async Task TapAsync(string sessionId)
    {
        if (await stations.FindAsync(_room, sessionId).ConfigureAwait(false) is not var (engine, described))
        {
            return;
        }

        var (audio, video) = Streams(described);
        if (audio is null && video is null)
        {
            return;
        }

        var feed = new PublisherFeed(sessionId, engine, audio?.Codec, video?.Codec, address, time) { CreatedAt = time.GetTimestamp() };
        var target = new RtpTapTarget(
            address.ToString(),
            audio?.Mid, feed.Audio?.Port ?? 0, PublisherFeed.AudioPayloadType,
            video?.Mid, feed.Video?.Port ?? 0, PublisherFeed.VideoPayloadType, feed.Keyframes?.Port ?? 0);
        var opened = await engine.OpenTapAsync(_room, sessionId, feed.TapId, target).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            SourcesLog.TapRefused(logger, roomId, sessionId, opened.Code, opened.Message ?? "");
            await feed.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _feeds[sessionId] = feed;
        SourcesLog.Forwarded(logger, roomId, sessionId, feed.AudioCodec ?? "none", feed.VideoCodec ?? "none");
    }

    private async Task CloseAsync(PublisherFeed feed)
    {
        try
        {
            await feed.Engine.CloseTapAsync(_room, feed.SessionId, feed.TapId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The munit is gone, and its taps with it.
            SourcesLog.CloseFailed(logger, roomId, feed.SessionId, e.Message);
        }

        await feed.DisposeAsync().ConfigureAwait(false);
    }

    // The first enabled audio and video stream whose codec the compositor reads, from VideoRoom's description.
    private static (Stream? Audio, Stream? Video) Streams(string described)
    {
        Stream? audio = null;
        Stream? video = null;
        JsonArray streams;
        try
        {
            streams = JsonNode.Parse(described) as JsonArray ?? [];
        }
        catch (JsonException)
        {
            return (null, null);
        }

        foreach (var stream in streams.OfType<JsonObject>())
        {
            if (stream["disabled"] is JsonValue disabled && disabled.TryGetValue<bool>(out var off) && off)
            {
                continue;
            }

            if (stream["type"]?.GetValue<string>() is not { } type || stream["mid"]?.ToString() is not { } mid
                || stream["codec"]?.GetValue<string>()?.ToLowerInvariant() is not { } codec || PublisherFeed.RtpMap(codec) is null)
            {
                continue;
            }

            if (type == "audio")
            {
                audio ??= new Stream(mid, codec);
            }
            else if (type == "video")
            {
                video ??= new Stream(mid, codec);
            }
        }

        return (audio, video);
    }

    private sealed record Stream(string Mid, string Codec);
}
