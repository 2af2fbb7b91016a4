namespace Tributary.Api.Accounts;

/// <summary>The arguments of <c>updateProfile</c>; null leaves a field as it is, an empty avatar URL removes it.</summary>
public sealed record ProfileChange(string? Username, string? Fullname, string? AvatarUrl);
