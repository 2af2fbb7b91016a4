namespace Tributary.Fleet.Registry;

/// <summary>What the registry persists: each known munit's lifecycle. Load, liveness and stations are rebuilt from reports and signals.</summary>
[GenerateSerializer]
public sealed class FleetRegistryState
{
    /// <summary>Known munits by id.</summary>
    [Id(0)] public Dictionary<string, MunitRecord> Munits { get; set; } = new(StringComparer.Ordinal);
}
