namespace Tributary.Studio.Placement;

/// <summary>A live studio node's load as the registry sees it (for administration and tests).</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Live">Studios it reported plus studios placed on it since.</param>
/// <param name="Capacity">Its <see cref="StudioOptions.MaxLiveStudios"/>.</param>
/// <param name="CpuBusy">Its machine's CPU busy share in its last report (0..1).</param>
[GenerateSerializer, Immutable]
public sealed record StudioNodeLoad(
    [property: Id(0)] string NodeId,
    [property: Id(1)] int Live,
    [property: Id(2)] int Capacity,
    [property: Id(3)] double CpuBusy);
