namespace Tributary.Fleet.Placement;

/// <summary>What one munit may carry and what a new station or downlink is expected to add; made from <see cref="FleetOptions"/>.</summary>
/// <param name="MaxStations">Most stations per munit.</param>
/// <param name="MaxDownlinks">Most downlinks per munit.</param>
/// <param name="MaxBitrate">Most bit rate per munit (bits per second).</param>
/// <param name="StationBitrate">Bit rate a new station adds.</param>
/// <param name="DownlinkBitrate">Bit rate a new downlink adds.</param>
public sealed record MunitCapacityLimits(int MaxStations, int MaxDownlinks, long MaxBitrate, long StationBitrate, long DownlinkBitrate)
{
    /// <summary>The limits configured in <paramref name="options"/>.</summary>
    public static MunitCapacityLimits From(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MaxStations, options.MaxDownlinks, options.MaxBitrate, options.StationBitrate, options.DownlinkBitrate);
    }

    /// <summary>
    /// How full a munit is, 0 (empty) to 1 (full) or more: the most used of its three resources. Placement orders
    /// munits by it; the autoscaler sums it.
    /// </summary>
    public double Utilisation(int stations, int downlinks, long bitrate) =>
        Math.Max(Math.Max((double)stations / MaxStations, (double)downlinks / MaxDownlinks), (double)bitrate / MaxBitrate);

    /// <summary>True when one more station fits.</summary>
    public bool FitsStation(int stations, long bitrate) => stations < MaxStations && bitrate <= MaxBitrate - StationBitrate;

    /// <summary>True when one more downlink fits.</summary>
    public bool FitsDownlink(int downlinks, long bitrate) => downlinks < MaxDownlinks && bitrate <= MaxBitrate - DownlinkBitrate;
}
