using Dapper;
using Tributary.Api.Accounts;
using Tributary.Data;

namespace Tributary.Api.Social;

/// <summary>Batch and search reads of <c>users</c> and <c>follows</c> for the social part of the schema.</summary>
public sealed class UserDirectory(Database database)
{
    /// <summary>Longest username prefix searched (the longest username).</summary>
    public const int MaxPrefixLength = AccountRules.UsernameMaxLength;

    private const string Columns = "id AS Id, email AS Email, username AS Username, fullname AS Fullname, avatar_url AS AvatarUrl, password_hash AS PasswordHash, created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <summary>Users by id, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, UserRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, UserRecord>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (clause, parameters) = Database.InIds("id", ids.Distinct().ToList());
        var rows = await connection.QueryAsync<UserRecord>(new CommandDefinition($"SELECT {Columns} FROM users WHERE {clause}", parameters, cancellationToken: cancellationToken));
        return rows.ToDictionary(u => u.Id);
    }

    /// <summary>
    /// Users whose username starts with <paramref name="prefix"/> (case-insensitively), in username order;
    /// one range scan of <c>ix_users_username_prefix</c>.
    /// </summary>
    public async Task<IReadOnlyList<UserRecord>> SearchAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var pattern = AccountRules.NormalizeUsername(prefix).Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE username_normalized LIKE @pattern ESCAPE '\\' ORDER BY username_normalized LIMIT @limit",
            new { pattern, limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Which of <paramref name="ids"/> <paramref name="followerId"/> follows, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> FollowedAmongAsync(string followerId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = ids.Distinct().ToDictionary(id => id, _ => false);
        if (result.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (clause, parameters) = Database.InIds("followee_id", result.Keys);
        parameters.Add("followerId", followerId);
        foreach (var id in await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT followee_id FROM follows WHERE follower_id = @followerId AND {clause}", parameters, cancellationToken: cancellationToken)))
        {
            result[id] = true;
        }

        return result;
    }
}
