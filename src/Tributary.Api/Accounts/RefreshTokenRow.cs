namespace Tributary.Api.Accounts;

/// <summary>A row of <c>refresh_tokens</c>. Times are Unix milliseconds.</summary>
public sealed record RefreshTokenRow(string Id, string FamilyId, string UserId, long ExpiresAt, long? UsedAt, long? RevokedAt);
