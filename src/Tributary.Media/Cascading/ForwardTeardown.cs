namespace Tributary.Media.Cascading;

/// <summary>A forward whose last viewer left: stop it on the origin and remove its remote publisher on the target (either may be gone).</summary>
[GenerateSerializer, Immutable]
public sealed record ForwardTeardown(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string PublisherSessionId,
    [property: Id(2)] string ForwardId,
    [property: Id(3)] Munits.MunitPlacement? Origin,
    [property: Id(4)] Munits.MunitPlacement? Target);
