using System.ComponentModel.DataAnnotations;
using Tributary.Fleet.Providers;

namespace Tributary.Fleet;

/// <summary>
/// Section <c>Fleet</c>: what one munit may carry, when a silent munit is dead, and how the autoscaler sizes the
/// fleet. Cross-field rules (thresholds in order, min ≤ max) are checked by <see cref="FleetOptionsValidator"/>.
/// </summary>
public sealed class FleetOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Fleet";

    /// <summary>
    /// Most stations (publisher uplinks) placement puts on one munit. Default 100, the same as
    /// <c>Media:Munit:MaxStations</c>: about one core of Janus (MEDIA-TESTING.md measured 2–3 % per publisher with a viewer).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxStations { get; set; } = 100;

    /// <summary>Most downlinks (viewer subscriptions) on one munit. Default 300: about three viewers per station at the default station cap.</summary>
    [Range(1, 10_000_000)]
    public int MaxDownlinks { get; set; } = 300;

    /// <summary>Most media bit rate (in plus out, bits per second) on one munit. Default 1 Gb/s: one 1 Gb/s network interface.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBitrate { get; set; } = 1_000_000_000;

    /// <summary>
    /// Bit rate a new station is expected to bring in, before its munit reports real figures. Default 1.5 Mb/s,
    /// the rooms' publisher cap (<c>Media:Janus:RoomBitrate</c>).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long StationBitrate { get; set; } = 1_500_000;

    /// <summary>Bit rate a new downlink is expected to send. Default 1.5 Mb/s: a viewer receives the publisher's full rate.</summary>
    [Range(0, long.MaxValue)]
    public long DownlinkBitrate { get; set; } = 1_500_000;

    /// <summary>
    /// A munit that has not reported for this long is dead. Default 5 s: five missed one-second reports, long enough to
    /// ride out a garbage collection on a loaded machine, short enough to re-place its stations quickly.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The fleet scales out when its utilisation (demand over active munits' capacity) is above this. Default 0.75:
    /// a quarter of headroom absorbs the minutes a new munit needs to start.
    /// </summary>
    [Range(0.01, 1.0)]
    public double ScaleOutAbove { get; set; } = 0.75;

    /// <summary>
    /// The fleet scales in when its utilisation stays below this for <see cref="ScaleInCoolDown"/>. Default 0.4: far
    /// enough below <see cref="ScaleOutAbove"/> that one scale-in never triggers the next scale-out.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ScaleInBelow { get; set; } = 0.4;

    /// <summary>
    /// The utilisation a scaling step aims for (desired munits = demand / target). Default 0.6: between the two
    /// thresholds, so the fleet lands in its quiet band after a step.
    /// </summary>
    [Range(0.01, 1.0)]
    public double TargetUtilisation { get; set; } = 0.6;

    /// <summary>
    /// How long utilisation must stay below <see cref="ScaleInBelow"/> (and since the last scaling step) before a
    /// scale-in. Default 10 min: rooms come and go in minutes, and a munit started for a peak should not be drained
    /// by its first lull.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ScaleInCoolDown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Fewest munits the autoscaler keeps (draining ones do not count). Default 1: a room can always start.</summary>
    [Range(0, 100_000)]
    public int MinMunits { get; set; } = 1;

    /// <summary>Most munits the autoscaler runs (active, draining and starting). Default 100.</summary>
    [Range(1, 100_000)]
    public int MaxMunits { get; set; } = 100;

    /// <summary>
    /// A draining munit is stopped when empty, or at the latest this long after its drain began (its remaining
    /// sessions then recover through RESTART on another munit). Default 30 min: most rooms end by then.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DrainDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A munit the provider started counts as coming (so it is not started twice) until it reports or this passes.
    /// Default 2 min: a munit process plus its Janus start in seconds, a Kubernetes pod may need a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the control role's <c>FleetController</c> sweeps the registry (dead munits → stations re-placed, RESTART
    /// sent) and, when enabled, takes an autoscaler step. Default 1 s: munits report every second, so a dead munit is
    /// noticed at most a second after <see cref="DeadAfter"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The autoscaler in the control role (section <c>Fleet:Autoscale</c>).</summary>
    public FleetAutoscaleOptions Autoscale { get; set; } = new();

    /// <summary>The <c>kubernetes</c> provider (section <c>Fleet:Kubernetes</c>).</summary>
    public KubernetesMunitOptions Kubernetes { get; set; } = new();

    /// <summary>The <c>process</c> provider (section <c>Fleet:Process</c>).</summary>
    public ProcessMunitOptions Process { get; set; } = new();
}
