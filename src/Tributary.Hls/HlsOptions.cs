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
    /// <c>Cache-Control</c> max-age of init sections, segments and parts, which never change once
    /// uploaded. Default 60 s: long enough for a CDN to absorb every viewer's fetch, short enough that
    /// names reused by a later broadcast of the same room are not served stale for long.
    /// </summary>
    public TimeSpan MediaMaxAge { get; set; } = TimeSpan.FromSeconds(60);
}
