namespace Tributary.Studio.Placement;

/// <summary>What a studio node tells the registry every <see cref="StudioOptions.ReportInterval"/>.</summary>
/// <param name="NodeId">The node (new at every process start).</param>
/// <param name="Node">The node's observer reference.</param>
/// <param name="Studios">The studios running on the node.</param>
/// <param name="Capacity">Its <see cref="StudioOptions.MaxLiveStudios"/>.</param>
/// <param name="DeadAfter">Its <see cref="StudioOptions.NodeDeadAfter"/>: silence after which the registry counts it dead.</param>
/// <param name="CpuBusy">How busy the node's machine's CPUs were since its previous report (0..1; <see cref="CpuSampler"/>).</param>
[GenerateSerializer, Immutable]
public sealed record StudioNodeReport(
    [property: Id(0)] string NodeId,
    [property: Id(1)] IStudioNode Node,
    [property: Id(2)] IReadOnlyList<string> Studios,
    [property: Id(3)] int Capacity,
    [property: Id(4)] TimeSpan DeadAfter,
    [property: Id(5)] double CpuBusy = 0);
