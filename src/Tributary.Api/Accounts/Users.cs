using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Tributary.Data;

namespace Tributary.Api.Accounts;

/// <summary>The <c>users</c> table (Dapper; the same SQL on SQLite and PostgreSQL, no session state).</summary>
public sealed class Users(Database database)
{
    private const string Columns = "id AS Id, email AS Email, username AS Username, fullname AS Fullname, avatar_url AS AvatarUrl, password_hash AS PasswordHash, created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <summary>The user with <paramref name="id"/>, or null.</summary>
    public async Task<UserRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The user with <paramref name="id"/>, or null, on an open connection.</summary>
    public static Task<UserRecord?> FindAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition($"SELECT {Columns} FROM users WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    /// <summary>The user whose normalized email or username is <paramref name="normalized"/>.</summary>
    public async Task<UserRecord?> FindByLoginAsync(string normalized, bool isEmail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var column = isEmail ? "email_normalized" : "username_normalized";
        return await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE {column} = @normalized", new { normalized }, cancellationToken: cancellationToken));
    }

    /// <summary>The user linked to an external identity, or null.</summary>
    public static Task<UserRecord?> FindExternalAsync(DbConnection connection, DbTransaction? transaction, string issuer, string subject, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE external_issuer = @issuer AND external_subject = @subject", new { issuer, subject }, transaction, cancellationToken: cancellationToken));

    /// <summary>True when a user other than <paramref name="exceptId"/> has the normalized username.</summary>
    public static async Task<bool> UsernameTakenAsync(DbConnection connection, DbTransaction? transaction, string normalized, string? exceptId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE username_normalized = @normalized AND id <> @exceptId",
            new { normalized, exceptId = exceptId ?? string.Empty }, transaction, cancellationToken: cancellationToken)) > 0;

    /// <summary>True when a user has the normalized email.</summary>
    public static async Task<bool> EmailTakenAsync(DbConnection connection, DbTransaction? transaction, string normalized, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE email_normalized = @normalized", new { normalized }, transaction, cancellationToken: cancellationToken)) > 0;

    /// <summary>Inserts a user.</summary>
    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, UserRecord user, string emailNormalized, string? externalIssuer, string? externalSubject, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, email_normalized, username, username_normalized, fullname, avatar_url, password_hash, external_issuer, external_subject, created_at, updated_at)
            VALUES (@Id, @Email, @EmailNormalized, @Username, @UsernameNormalized, @Fullname, @AvatarUrl, @PasswordHash, @ExternalIssuer, @ExternalSubject, @CreatedAt, @UpdatedAt)
            """,
            new
            {
                user.Id,
                user.Email,
                EmailNormalized = emailNormalized,
                user.Username,
                UsernameNormalized = AccountRules.NormalizeUsername(user.Username),
                user.Fullname,
                user.AvatarUrl,
                user.PasswordHash,
                ExternalIssuer = externalIssuer,
                ExternalSubject = externalSubject,
                user.CreatedAt,
                user.UpdatedAt,
            },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Writes the profile fields of <paramref name="user"/>.</summary>
    public static Task UpdateProfileAsync(DbConnection connection, DbTransaction transaction, UserRecord user, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET username = @Username, username_normalized = @UsernameNormalized, fullname = @Fullname, avatar_url = @AvatarUrl, updated_at = @UpdatedAt WHERE id = @Id",
            new { user.Id, user.Username, UsernameNormalized = AccountRules.NormalizeUsername(user.Username), user.Fullname, user.AvatarUrl, user.UpdatedAt },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>True for a unique-constraint violation (a concurrent insert won the race).</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => exception.SqlState == "23505",
    };
}
