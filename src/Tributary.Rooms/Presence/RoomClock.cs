namespace Tributary.Rooms.Presence;

/// <summary>
/// The clock of room presence and call timeouts only. Kept apart from the process-wide
/// <see cref="TimeProvider"/> so tests can drive presence with a fake clock without stalling Orleans.
/// </summary>
public sealed class RoomClock(TimeProvider time)
{
    /// <summary>The time source.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Now, Unix milliseconds.</summary>
    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
