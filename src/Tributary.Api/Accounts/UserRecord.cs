namespace Tributary.Api.Accounts;

/// <summary>A row of <c>users</c>. Times are Unix milliseconds.</summary>
public sealed record UserRecord(
    string Id,
    string Email,
    string Username,
    string Fullname,
    string? AvatarUrl,
    string? PasswordHash,
    long CreatedAt,
    long UpdatedAt);
