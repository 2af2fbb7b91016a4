namespace Tributary.Profiles;

/// <summary>The public face of a user, as rooms and notifications show it.</summary>
[GenerateSerializer, Immutable]
public sealed record Profile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Fullname,
    [property: Id(3)] string? AvatarUrl);
