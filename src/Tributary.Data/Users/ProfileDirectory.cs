using Dapper;
using Tributary.Profiles;

namespace Tributary.Data.Users;

/// <summary><see cref="IProfileDirectory"/> over the users table.</summary>
public sealed class ProfileDirectory(Database database) : IProfileDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, Profile>> GetAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<string, Profile>();
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (clause, parameters) = Database.InIds("id", userIds);
        var rows = await connection.QueryAsync<ProfileRow>(new CommandDefinition(
            $"SELECT id AS UserId, username AS Username, fullname AS Fullname, avatar_url AS AvatarUrl FROM users WHERE {clause}",
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.UserId, r => new Profile(r.UserId, r.Username, r.Fullname, r.AvatarUrl));
    }

    private sealed record ProfileRow(string UserId, string Username, string Fullname, string? AvatarUrl);
}
