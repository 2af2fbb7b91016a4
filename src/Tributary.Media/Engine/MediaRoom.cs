namespace Tributary.Media.Engine;

/// <summary>Which room a media call is for, and whether it carries audio only (a2m).</summary>
[GenerateSerializer, Immutable]
public sealed record MediaRoom(
    [property: Id(0)] string RoomId,
    [property: Id(1)] bool AudioOnly);
