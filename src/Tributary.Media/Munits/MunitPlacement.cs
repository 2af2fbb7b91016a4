namespace Tributary.Media.Munits;

/// <summary>Which munit carries a room's media, and how to call its engine.</summary>
[GenerateSerializer, Immutable]
public sealed record MunitPlacement(
    [property: Id(0)] string MunitId,
    [property: Id(1)] IMunitEngine Engine);
