namespace Tributary.Api.Accounts;

/// <summary>What signUp, signIn and refreshToken return: a short-lived access token and its refresh token.</summary>
public sealed record AuthPayload(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    UserRecord User);
