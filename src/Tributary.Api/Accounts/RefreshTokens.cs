using Tributary.Ids;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Tributary.Api.Accounts;

/// <summary>
/// The <c>refresh_tokens</c> table. A token is 32 random bytes shown once; only its SHA-256 is stored.
/// Tokens from one sign-in share a family: using a token marks it used and issues its successor, and
/// presenting a used token again (a stolen copy) revokes the whole family.
/// </summary>
public static class RefreshTokens
{
    /// <summary>The prefix of refresh tokens, so they are recognizable in logs and leak scanners.</summary>
    public const string Prefix = "trr_";

    /// <summary>Creates a token in <paramref name="familyId"/> (null: a new family); returns the token text.</summary>
    public static async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(
        DbConnection connection, DbTransaction transaction, string userId, string? familyId, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = now + lifetime;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
            VALUES (@Id, @FamilyId, @UserId, @TokenHash, @CreatedAt, @ExpiresAt)
            """,
            new
            {
                Id = TimeOrderedId.New(),
                FamilyId = familyId ?? TimeOrderedId.New(),
                UserId = userId,
                TokenHash = Hash(token),
                CreatedAt = now.ToUnixTimeMilliseconds(),
                ExpiresAt = expires.ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken));
        return (token, expires);
    }

    /// <summary>The row of <paramref name="token"/>, or null.</summary>
    public static Task<RefreshTokenRow?> FindAsync(DbConnection connection, DbTransaction transaction, string token, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RefreshTokenRow>(new CommandDefinition(
            "SELECT id AS Id, family_id AS FamilyId, user_id AS UserId, expires_at AS ExpiresAt, used_at AS UsedAt, revoked_at AS RevokedAt FROM refresh_tokens WHERE token_hash = @hash",
            new { hash = Hash(token) },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Marks the token used if nobody else did first; false when it was already used or revoked.</summary>
    public static async Task<bool> TryMarkUsedAsync(DbConnection connection, DbTransaction transaction, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET used_at = @now WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL",
            new { id, now = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    /// <summary>Revokes every live token of the family; returns how many.</summary>
    public static Task<int> RevokeFamilyAsync(DbConnection connection, DbTransaction transaction, string familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
            new { familyId, now = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The stored form of a token: hex SHA-256 (the token has 256 bits of entropy, so no salt or stretching).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
