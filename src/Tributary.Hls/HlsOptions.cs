using System.ComponentModel.DataAnnotations;

namespace Tributary.Hls;

/// <summary>Section <c>Hls</c>: limits of LL-HLS upload and playback.</summary>
public sealed class HlsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hls";

    /// <summary>
    /// Largest media payload of one data signal (decoded bytes), answered 413 above it. Default 8 MiB
    /// (HLS-DATA-SIGNALS.md): a 2 s segment at 20 Mbit/s still fits; the JSON body may be 4/3 of it
    /// plus 64 KiB of fields.
    /// </summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Memory budget of one broadcast's window (init sections, segments and parts of every variant
    /// and rendition). The oldest segments roll out when it is exceeded. Default 64 MiB: about two
    /// minutes of a 4 Mbit/s stream, far more than the window players need, and small enough that
    /// a node holds hundreds of broadcasts.
    /// </summary>
    [Range(1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long MaxBroadcastBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most complete segments kept per variant or rendition. Default 30: with 2 s segments a minute of
    /// window, which is longer than the 6 target durations delta updates need to skip anything.
    /// </summary>
    [Range(4, 10_000)]
    public int MaxSegments { get; set; } = 30;

    /// <summary>
    /// How many recent message ids a broadcast remembers for idempotent retries. Default 1024: a phone
    /// uploading 5 parts per second retries within seconds, so this covers minutes.
    /// </summary>
    [Range(16, 1_000_000)]
    public int RememberedMessageIds { get; set; } = 1024;

    /// <summary>
    /// Longest a blocking playlist reload or a hinted part request is held, as a multiple of the
    /// target duration, before 503. Default 3, the figure of draft-pantos-hls-rfc8216bis 6.2.5.2.
    /// </summary>
    [Range(1, 20)]
    public int BlockingReloadTargetDurations { get; set; } = 3;

    /// <summary>
    /// How often a broadcast asks the room directory whether its p2m room still lives (ended rooms get
    /// <c>EXT-X-ENDLIST</c>). Default 2 s: players learn the end within one or two reloads.
    /// </summary>
    public TimeSpan RoomCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A studio program broadcast (<see cref="Ingest.IBroadcastIngest.ApplyProgramAsync"/>) lives as long as its
    /// studio, not its room; its packager ends it. This is the backstop when the packager's node died without
    /// ending it: no piece for this long ends the broadcast. Default 10 s: ten times the program's segment,
    /// longer than a compositor restart (a scene change pauses the program for a few seconds).
    /// </summary>
    public TimeSpan ProgramIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>Cache-Control</c> max-age of init sections, segments and parts, which never change once
    /// uploaded. Default 60 s: long enough for a CDN to absorb every viewer's fetch, short enough that
    /// names reused by a later broadcast of the same room are not served stale for long.
    /// </summary>
    public TimeSpan MediaMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Scheme, host and optional path prefix viewers reach <c>/live/...</c> at (the CDN or load balancer),
    /// used for the p2m JOIN ack's <c>es.hls.url</c>. Default none: this server's first listening
    /// address, which is right for a single node and wrong behind a proxy (set it in production).
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Sustained data signals per second one publisher may upload (all its broadcasts together); above
    /// it <c>POST /data</c> answers 429 with <c>Retry-After</c> and changes nothing. Default 50: a phone
    /// uploading 4 parts per second for each of 3 variants and an audio rendition, plus their segments,
    /// sends about 20 per second; 50 leaves room for retries.
    /// </summary>
    [Range(0.1, 100_000)]
    public double UploadsPerSecond { get; set; } = 50;

    /// <summary>
    /// Uploads a publisher may send at once above <see cref="UploadsPerSecond"/> (token-bucket size).
    /// Default 100: a phone back from a network hiccup re-sends a few seconds of parts in one go.
    /// </summary>
    [Range(1, 1_000_000)]
    public int UploadBurst { get; set; } = 100;

    /// <summary>
    /// Most publishers whose upload rate one edge node tracks at once. Default 100,000 (~100 bytes
    /// each, ~10 MB): idle publishers are forgotten first; beyond it new publishers go unmetered until
    /// others go idle, so the limiter's memory stays bounded.
    /// </summary>
    [Range(1, 10_000_000)]
    public int RateLimitedPublishers { get; set; } = 100_000;

    /// <summary>
    /// Whether each edge node keeps the current playlists and recent media of the broadcasts it serves,
    /// told of every change by the broadcast grain, so most requests skip the grain call. Default true.
    /// </summary>
    public bool EdgeCache { get; set; } = true;

    /// <summary>
    /// Media bytes one edge node's cache holds. Default 256 MiB: the part window of a hundred 4 Mbit/s
    /// broadcasts; least recently used pieces go first above it.
    /// </summary>
    [Range(1024 * 1024, 64L * 1024 * 1024 * 1024)]
    public long EdgeCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Most broadcasts one edge node's cache tracks at once. Default 10,000; broadcasts not requested for
    /// a lease go first, and beyond it new broadcasts are served straight from their grains.
    /// </summary>
    [Range(1, 10_000_000)]
    public int EdgeCacheBroadcasts { get; set; } = 10_000;

    /// <summary>
    /// How long a broadcast keeps telling an edge of its changes after the edge's last watch call; the
    /// edge renews at half of it while it serves the broadcast. Default 10 s: after a silo is lost without
    /// a goodbye, an edge serves that broadcast's last playlists for at most this long.
    /// </summary>
    public TimeSpan EdgeWatchLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an upload waits for an edge to take the change before the edge is dropped as a watcher
    /// (it then asks the grain until it watches again). Default 1 s: in-cluster calls take about a
    /// millisecond, and the apps warn at 700 ms of upload delay.
    /// </summary>
    public TimeSpan EdgeNotifyTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
