namespace Tributary.Fleet.Registry;

/// <summary>What one sweep of the registry found since the previous one.</summary>
/// <param name="Munits">Every munit now.</param>
/// <param name="Recoveries">Rooms whose stations were re-placed; the sweeper sends them RESTART.</param>
/// <param name="Refused">Stations placement refused for lack of capacity (the autoscaler scales out on any).</param>
/// <param name="Teardowns">
/// Forwards from or to a munit that died, with the end that still lives (the other is null): the sweeper stops the
/// surviving origin's remotization toward the dead target and removes the surviving target's remote publisher of the
/// dead origin, so neither keeps sending or holding media for a forward that no longer exists.
/// </param>
[GenerateSerializer, Immutable]
public sealed record FleetSweep(
    [property: Id(0)] IReadOnlyList<MunitView> Munits,
    [property: Id(1)] IReadOnlyList<StationRecovery> Recoveries,
    [property: Id(2)] int Refused,
    [property: Id(3)] IReadOnlyList<Media.Cascading.ForwardTeardown> Teardowns);
