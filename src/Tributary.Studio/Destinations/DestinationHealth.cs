namespace Tributary.Studio.Destinations;

/// <summary>A destination's live health, as the relay reports it.</summary>
/// <param name="State">Where the push is.</param>
/// <param name="BitrateKbps">Output bitrate of the current connection, kbit/s (0 when not live).</param>
/// <param name="DroppedFrames">Frames the relay dropped since goLive.</param>
/// <param name="Uptime">Time since the current connection went live; null when not live.</param>
/// <param name="Attempts">Connection attempts since goLive.</param>
public sealed record DestinationHealth(DestinationState State, double BitrateKbps, long DroppedFrames, TimeSpan? Uptime, int Attempts)
{
    /// <summary>The health of a destination of a studio that is not live.</summary>
    public static DestinationHealth Offline { get; } = new(DestinationState.Offline, 0, 0, null, 0);
}
