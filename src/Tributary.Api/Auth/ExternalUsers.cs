using Tributary.Ids;
using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Tributary.Api.Accounts;
using Tributary.Data;
using Tributary.Data.Outbox;

namespace Tributary.Api.Auth;

/// <summary>
/// Maps identities of the external OIDC authority to local users (<c>users.external_issuer</c> +
/// <c>external_subject</c>), creating the user on first sight. External users have no password and are
/// never linked to a local account by email (the authority's email may be unverified).
/// </summary>
public sealed partial class ExternalUsers(Database database, TimeProvider time, ILogger<ExternalUsers> logger)
{
    private const int Attempts = 5;

    /// <summary>The local user id for the external identity, created when first seen.</summary>
    public async Task<string> MapAsync(string issuer, string subject, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        for (var attempt = 0; ; attempt++)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var existing = await Users.FindExternalAsync(connection, null, issuer, subject, cancellationToken);
            if (existing is not null)
            {
                return existing.Id;
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var email = principal.FindFirst("email")?.Value ?? string.Empty;
            var username = UsernameFor(principal, attempt);
            var fullname = principal.FindFirst("name")?.Value is { Length: > 0 and <= AccountRules.FullnameMaxLength } name ? name : username;
            var user = new UserRecord(TimeOrderedId.New(), email, username, fullname, null, null, now, now);
            // Unique and never an address: a later local sign-up with the same email stays possible.
            var emailKey = "external:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject)));
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await Users.InsertAsync(connection, transaction, user, emailKey, issuer, subject, cancellationToken);
                await OutboxWriter.EnqueueAsync(connection, transaction, AccountService.UserRegisteredTopic, new { userId = user.Id, user.Username, user.Fullname, external = true }, time);
                await transaction.CommitAsync(cancellationToken);
                LogCreated(logger, user.Id, issuer);
                return user.Id;
            }
            catch (DbException e) when (Users.IsUniqueViolation(e) && attempt < Attempts)
            {
                // Username taken (next attempt adds a suffix) or a concurrent first sight (next attempt finds it).
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
    }

    private static string UsernameFor(ClaimsPrincipal principal, int attempt)
    {
        var wanted = principal.FindFirst("preferred_username")?.Value
            ?? principal.FindFirst("cognito:username")?.Value
            ?? principal.FindFirst("email")?.Value?.Split('@')[0]
            ?? "user";
        var clean = new string([.. wanted.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')]).TrimStart('_', '.');
        if (clean.Length < AccountRules.UsernameMinLength)
        {
            clean = "user" + clean;
        }

        clean = clean[..Math.Min(clean.Length, AccountRules.UsernameMaxLength - 6)];
        return attempt == 0 ? clean : $"{clean}_{RandomNumberGenerator.GetInt32(10000, 99999)}";
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Created user {UserId} for an identity of {Issuer}")]
    private static partial void LogCreated(ILogger logger, string userId, string issuer);
}
