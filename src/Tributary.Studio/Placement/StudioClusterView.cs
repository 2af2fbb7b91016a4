namespace Tributary.Studio.Placement;

/// <summary>The registry's answer to a report: the studio nodes alive now.</summary>
/// <param name="LiveNodes">Ids of the nodes that reported within their silence limit, oldest id first.</param>
/// <param name="Settled">
/// True once the registry has listened for longer than the longest silence limit: only then does a node missing from
/// <see cref="LiveNodes"/> mean a dead node rather than one the (re-activated) registry has not heard from yet.
/// </param>
[GenerateSerializer, Immutable]
public sealed record StudioClusterView(
    [property: Id(0)] IReadOnlyList<string> LiveNodes,
    [property: Id(1)] bool Settled);
