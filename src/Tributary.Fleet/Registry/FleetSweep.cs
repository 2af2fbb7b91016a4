namespace Tributary.Fleet.Registry;

/// <summary>What one sweep of the registry found since the previous one.</summary>
/// <param name="Munits">Every munit now.</param>
/// <param name="Recoveries">Rooms whose stations were re-placed; the sweeper sends them RESTART.</param>
/// <param name="Refused">Stations placement refused for lack of capacity (the autoscaler scales out on any).</param>
[GenerateSerializer, Immutable]
public sealed record FleetSweep(
    [property: Id(0)] IReadOnlyList<MunitView> Munits,
    [property: Id(1)] IReadOnlyList<StationRecovery> Recoveries,
    [property: Id(2)] int Refused);
