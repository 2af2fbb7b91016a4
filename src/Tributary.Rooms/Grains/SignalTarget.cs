namespace Tributary.Rooms.Grains;

/// <summary>A validated <c>to</c>: every session of <see cref="UserId"/>, or only <see cref="SessionId"/> when given.</summary>
[GenerateSerializer, Immutable]
public sealed record SignalTarget(
    [property: Id(0)] string UserId,
    [property: Id(1)] string? SessionId);
