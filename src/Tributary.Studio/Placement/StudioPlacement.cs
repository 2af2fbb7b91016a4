namespace Tributary.Studio.Placement;

/// <summary>The node chosen to run a studio.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Node">Its observer reference.</param>
[GenerateSerializer, Immutable]
public sealed record StudioPlacement(
    [property: Id(0)] string NodeId,
    [property: Id(1)] IStudioNode Node);
