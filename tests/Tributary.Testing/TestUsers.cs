using Dapper;
using Tributary.Data;

namespace Tributary.Testing;

/// <summary>Inserts users straight into the users table, for tests of areas other than accounts.</summary>
public static class TestUsers
{
    /// <summary>Adds a user named <paramref name="username"/>; returns its id.</summary>
    public static async Task<string> InsertAsync(Database database, string username, string? fullname = null, string? avatarUrl = null)
    {
        var id = Tributary.Ids.TimeOrderedId.New();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, email_normalized, username, username_normalized, fullname, avatar_url, created_at, updated_at)
            VALUES (@id, @email, @email, @username, @normalized, @fullname, @avatarUrl, @now, @now)
            """,
            new { id, email = $"{username.ToLowerInvariant()}@example.test", username, normalized = username.ToLowerInvariant(), fullname = fullname ?? username, avatarUrl, now });
        return id;
    }
}
