namespace Tributary.Fleet.Registry;

/// <summary>A room's stations that were on a munit that died or was stopped (or were moved by Assign): their sessions get RESTART.</summary>
/// <param name="RoomId">The room.</param>
/// <param name="PublisherSessionIds">The publishers whose stations were lost.</param>
/// <param name="LeftBehind">Stations moved off munits that still run (Assign): released there before the RESTART.</param>
[GenerateSerializer, Immutable]
public sealed record StationRecovery(
    [property: Id(0)] string RoomId,
    [property: Id(1)] IReadOnlyList<string> PublisherSessionIds,
    [property: Id(2)] IReadOnlyList<LeftStation>? LeftBehind = null);
