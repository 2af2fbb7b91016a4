namespace Tributary.Media.Munits;

/// <summary>What a munit is configured to carry (<see cref="MunitOptions"/>); placement compares load against it.</summary>
[GenerateSerializer, Immutable]
public sealed record MunitCapacity(
    [property: Id(0)] int MaxStations,
    [property: Id(1)] int MaxDownlinks,
    [property: Id(2)] long MaxBitrate);
