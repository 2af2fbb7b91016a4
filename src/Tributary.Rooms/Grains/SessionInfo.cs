namespace Tributary.Rooms.Grains;

/// <summary>A validated <c>ss</c>: who sends, from which session and device.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionInfo(
    [property: Id(0)] string UserId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string? Category,
    [property: Id(3)] string? Host,
    [property: Id(4)] string? DeviceId);
