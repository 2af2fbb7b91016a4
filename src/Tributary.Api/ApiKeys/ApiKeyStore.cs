using Tributary.Ids;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tributary.Data;

namespace Tributary.Api.ApiKeys;

/// <summary>
/// API keys <c>trk_&lt;id&gt;.&lt;secret&gt;</c> in <c>api_keys</c>: the id finds the row, the secret (256 random
/// bits) is stored as its SHA-256 and compared in constant time.
/// </summary>
public sealed class ApiKeyStore(Database database, TimeProvider time)
{
    /// <summary>The prefix of API keys.</summary>
    public const string Prefix = "trk_";

    private const string Columns = "id AS Id, name AS Name, scopes AS Scopes, created_by AS CreatedBy, created_at AS CreatedAt, revoked_at AS RevokedAt";

    /// <summary>Creates a key; the returned text is the only copy of the secret.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> scopes, string createdBy, CancellationToken cancellationToken)
    {
        var id = TimeOrderedId.New();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new ApiKeyRecord(id, name, string.Join(' ', scopes.Order(StringComparer.Ordinal)), createdBy, time.GetUtcNow().ToUnixTimeMilliseconds(), null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, name, secret_hash, scopes, created_by, created_at) VALUES (@Id, @Name, @SecretHash, @Scopes, @CreatedBy, @CreatedAt)",
            new { record.Id, record.Name, SecretHash = Hash(secret), record.Scopes, record.CreatedBy, record.CreatedAt },
            cancellationToken: cancellationToken));
        return new CreatedApiKey($"{Prefix}{id}.{secret}", record);
    }

    /// <summary>The live key for the header text, or null (malformed, unknown, wrong secret, revoked).</summary>
    public async Task<ApiKeyRecord?> ValidateAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || dot < 0 || key.Length > 200)
        {
            return null;
        }

        var id = key[Prefix.Length..dot];
        var secret = key[(dot + 1)..];
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Hash, long? RevokedAt)>(new CommandDefinition(
            "SELECT secret_hash, revoked_at FROM api_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (row.Hash is null || row.RevokedAt is not null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return null;
        }

        return await connection.QuerySingleAsync<ApiKeyRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Every key, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys ORDER BY created_at DESC, id DESC", cancellationToken: cancellationToken))];
    }

    /// <summary>Revokes a key; false when no live key has <paramref name="id"/>.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)) == 1;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
