namespace Tributary.Fleet.Control;

/// <summary>
/// The clock of munit liveness (<see cref="FleetOptions.DeadAfter"/>) and of the autoscaler's cool-downs and
/// deadlines. Kept apart from the process-wide <see cref="TimeProvider"/> (as the rooms' <c>RoomClock</c>) so tests
/// can drive the fleet with a fake clock without stalling Orleans. The sweep's own cadence stays on real time.
/// </summary>
public sealed class FleetClock(TimeProvider time)
{
    /// <summary>The time source.</summary>
    public TimeProvider Time { get; } = time;
}
