namespace Tributary.Fleet.Registry;

/// <summary>What the registry persists: each known munit's lifecycle and the rooms assigned to munits. Load, liveness and stations are rebuilt from reports and signals.</summary>
[GenerateSerializer]
public sealed class FleetRegistryState
{
    /// <summary>Known munits by id.</summary>
    [Id(0)] public Dictionary<string, MunitRecord> Munits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rooms an administrator assigned to a munit (room id → munit id): their stations go there while it is active and has room.</summary>
    [Id(1)] public Dictionary<string, string> Assignments { get; set; } = new(StringComparer.Ordinal);
}
