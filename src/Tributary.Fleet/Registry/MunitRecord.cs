namespace Tributary.Fleet.Registry;

/// <summary>A known munit's persisted lifecycle.</summary>
[GenerateSerializer]
public sealed class MunitRecord
{
    /// <summary>Active, draining or stopped.</summary>
    [Id(0)] public MunitLifecycle Lifecycle { get; set; }

    /// <summary>When <see cref="Lifecycle"/> last changed.</summary>
    [Id(1)] public DateTimeOffset Since { get; set; }

    /// <summary>
    /// Draining because an operator drained it (admin API or CLI), not the autoscaler: the autoscaler never revives it
    /// (only an operator does), though it still stops it once empty.
    /// </summary>
    [Id(2)] public bool DrainedByOperator { get; set; }
}
