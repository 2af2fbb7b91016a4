using System.ComponentModel.DataAnnotations;

namespace Tributary.Media.Munits;

/// <summary>Section <c>Media:Munit</c>: who this munit is, what it carries, how often its regulator reports.</summary>
public sealed class MunitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Media:Munit";

    /// <summary>
    /// The munit's id in the cluster (its <see cref="IMunitGrain"/> key). Default null: <c>{machine name}-{process id}</c>,
    /// new for every process; set a stable one (e.g. the Kubernetes pod name) so a restarted process is the same munit.
    /// </summary>
    [MaxLength(128)]
    public string? Id { get; set; }

    /// <summary>
    /// How often the regulator reports load. Default 1 s (the fleet issue's registry expects a report each second);
    /// Janus state changes are reported at once in between. Each report reads Janus's admin API: one request per
    /// session and per handle (loopback, a few ms each), so very large munits may want a longer interval.
    /// </summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After how long without a report the munit counts as silent. Default 5 s: five missed reports, long enough to
    /// ride out a garbage collection or a loaded machine, short enough to re-place a dead munit's stations quickly.
    /// Must exceed <see cref="ReportInterval"/>.
    /// </summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest wait for one report's delivery to the fleet registry before the regulator moves on to the next tick.
    /// Default 2 s: a report takes milliseconds; one that waits longer is stuck behind a cluster change (a silo that
    /// died, a grain moving) and the next report, a second later, is the one that counts. Must be shorter than
    /// <see cref="SilentAfter"/> so a stuck report can never make the munit silent by itself.
    /// </summary>
    public TimeSpan ReportTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most stations (publisher uplinks) placed here. Default 100: measured here, one publisher plus one subscriber
    /// cost Janus 2–3 % of a core (MEDIA-TESTING.md), so 100 stations with a viewer or two each fit one core.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxStations { get; set; } = 100;

    /// <summary>Most downlinks (subscriber handles). Default 300: about three viewers per station at the default station cap.</summary>
    [Range(1, 10_000_000)]
    public int MaxDownlinks { get; set; } = 300;

    /// <summary>
    /// Most media bit rate (in plus out, bits per second). Default 1 Gb/s: a 1 Gb/s network interface; 300 downlinks
    /// at the rooms' 1.5 Mb/s cap stay under half of it.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxBitrate { get; set; } = 1_000_000_000;

    /// <summary>
    /// Longest wait for one load read from Janus's admin API before the report goes out without load. Default 2 s:
    /// a report must never wait for a Janus that stopped answering (the health probe deals with that).
    /// </summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
