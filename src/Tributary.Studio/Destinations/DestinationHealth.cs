namespace Tributary.Studio.Destinations;

/// <summary>A destination's live health, as the relay reports it.</summary>
/// <param name="State">Where the push is.</param>
/// <param name="BitrateKbps">Output bitrate of the current connection, kbit/s (0 when not live).</param>
/// <param name="DroppedFrames">Frames the relay dropped since goLive.</param>
/// <param name="Uptime">Time since the current connection went live; null when not live.</param>
/// <param name="Attempts">Connection attempts since goLive.</param>
[GenerateSerializer, Immutable]
public sealed record DestinationHealth(
    [property: Id(0)] DestinationState State,
    [property: Id(1)] double BitrateKbps,
    [property: Id(2)] long DroppedFrames,
    [property: Id(3)] TimeSpan? Uptime,
    [property: Id(4)] int Attempts)
{
    /// <summary>The health of a destination of a studio that is not live.</summary>
    public static DestinationHealth Offline { get; } = new(DestinationState.Offline, 0, 0, null, 0);
}
