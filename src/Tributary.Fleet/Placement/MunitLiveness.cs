namespace Tributary.Fleet.Placement;

/// <summary>Turns a munit's last report time and its lifecycle state (from admin or the autoscaler) into the state placement uses.</summary>
public static class MunitLiveness
{
    /// <summary>
    /// <see cref="MunitState.Dead"/> when the munit never reported or has been silent for at least
    /// <paramref name="deadAfter"/>; otherwise <paramref name="lifecycle"/> (active or draining). A report from the
    /// future (clock skew between nodes) counts as fresh.
    /// </summary>
    public static MunitState StateOf(MunitState lifecycle, DateTimeOffset? lastReportAt, DateTimeOffset now, TimeSpan deadAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deadAfter, TimeSpan.Zero);
        if (lifecycle == MunitState.Dead || lastReportAt is null)
        {
            return MunitState.Dead;
        }

        return now - lastReportAt.Value >= deadAfter ? MunitState.Dead : lifecycle;
    }
}
