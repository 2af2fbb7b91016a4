using Tributary.Ids;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Api.Errors;
using Tributary.Auth;
using Tributary.Data;
using Tributary.Data.Outbox;

namespace Tributary.Api.Accounts;

/// <summary>Sign-up, sign-in, token refresh and rotation, sign-out and profile changes.</summary>
public sealed partial class AccountService(
    Database database,
    PasswordHasher hasher,
    SignInLimiter limiter,
    AccessTokens accessTokens,
    IOptions<TokenOptions> tokenOptions,
    IOptions<AccountsOptions> accountsOptions,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    /// <summary>The outbox topic written for every new account.</summary>
    public const string UserRegisteredTopic = "user.registered";

    private readonly Lazy<string> _decoyHash = new(() => hasher.Hash("decoy password for unknown accounts"));

    /// <summary>Creates an account and signs it in.</summary>
    public async Task<Outcome<AuthPayload>> SignUpAsync(SignUp input, string remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var email = AccountRules.Email(input.Email);
        if (email.Error is { } emailError)
        {
            return emailError;
        }

        var username = AccountRules.Username(input.Username);
        if (username.Error is { } usernameError)
        {
            return usernameError;
        }

        var password = AccountRules.Password(input.Password, accountsOptions.Value);
        if (password.Error is { } passwordError)
        {
            return passwordError;
        }

        var fullname = AccountRules.Fullname(input.Fullname);
        if (fullname.Error is { } fullnameError)
        {
            return fullnameError;
        }

        var emailNormalized = AccountRules.NormalizeEmail(email.Value!);
        if (limiter.TryAttempt(remoteAddress, "email:" + emailNormalized) is { } limited)
        {
            LogRateLimited(logger, "signUp", remoteAddress);
            return limited;
        }

        var hash = hasher.Hash(password.Value!);
        var now = time.GetUtcNow();
        var user = new UserRecord(TimeOrderedId.New(), email.Value!, username.Value!, fullname.Value!, null, hash, now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await Users.UsernameTakenAsync(connection, transaction, AccountRules.NormalizeUsername(user.Username), null, cancellationToken))
        {
            return UsernameTaken();
        }

        if (await Users.EmailTakenAsync(connection, transaction, emailNormalized, cancellationToken))
        {
            return EmailTaken();
        }

        (string Token, DateTimeOffset ExpiresAt) refresh;
        try
        {
            await Users.InsertAsync(connection, transaction, user, emailNormalized, null, null, cancellationToken);
            await OutboxWriter.EnqueueAsync(connection, transaction, UserRegisteredTopic, new { userId = user.Id, user.Username, user.Fullname }, time);
            refresh = await RefreshTokens.IssueAsync(connection, transaction, user.Id, null, now, tokenOptions.Value.RefreshTokenLifetime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException e) when (Users.IsUniqueViolation(e))
        {
            // A concurrent sign-up took the name or the email between our check and the insert.
            await transaction.RollbackAsync(CancellationToken.None);
            return e.Message.Contains("email", StringComparison.OrdinalIgnoreCase) ? EmailTaken() : UsernameTaken();
        }

        LogSignedUp(logger, user.Id);
        return Outcome<AuthPayload>.Ok(Payload(user, refresh));
    }

    /// <summary>Signs in with email or username and password.</summary>
    public async Task<Outcome<AuthPayload>> SignInAsync(string? login, string? password, string remoteAddress, CancellationToken cancellationToken)
    {
        var trimmed = login?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > AccountRules.EmailMaxLength)
        {
            return ApiError.BadInput("login", "Enter your email or username.");
        }

        if (string.IsNullOrEmpty(password) || password.Length > accountsOptions.Value.PasswordMaxLength)
        {
            return ApiError.BadInput("password", "Enter your password.");
        }

        var isEmail = trimmed.Contains('@', StringComparison.Ordinal);
        var normalized = isEmail ? AccountRules.NormalizeEmail(trimmed) : AccountRules.NormalizeUsername(trimmed);
        if (limiter.TryAttempt(remoteAddress, (isEmail ? "email:" : "username:") + normalized) is { } limited)
        {
            LogRateLimited(logger, "signIn", remoteAddress);
            return limited;
        }

        var user = await new Users(database).FindByLoginAsync(normalized, isEmail, cancellationToken);
        // Unknown accounts cost the same hashing time, so timing does not tell which accounts exist.
        var valid = PasswordHasher.Verify(password, user?.PasswordHash ?? _decoyHash.Value) && user?.PasswordHash is not null;
        if (!valid || user is null)
        {
            LogSignInFailed(logger, remoteAddress);
            return ApiError.Unauthenticated("Wrong email, username or password.");
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var refresh = await RefreshTokens.IssueAsync(connection, transaction, user.Id, null, now, tokenOptions.Value.RefreshTokenLifetime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<AuthPayload>.Ok(Payload(user, refresh));
    }

    /// <summary>Trades a refresh token for a new access token and the token's successor.</summary>
    public async Task<Outcome<AuthPayload>> RefreshAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(RefreshTokens.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return ApiError.BadInput("refreshToken", "This is not a refresh token.");
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await RefreshTokens.FindAsync(connection, transaction, token, cancellationToken);
        if (row is null)
        {
            return ApiError.Unauthenticated("Unknown refresh token; sign in again.");
        }

        if (row.RevokedAt is not null)
        {
            return ApiError.Unauthenticated("This refresh token was revoked; sign in again.");
        }

        if (row.ExpiresAt <= now.ToUnixTimeMilliseconds())
        {
            return ApiError.Unauthenticated("This refresh token has expired; sign in again.");
        }

        if (row.UsedAt is not null || !await RefreshTokens.TryMarkUsedAsync(connection, transaction, row.Id, now, cancellationToken))
        {
            // A used token presented again means two holders: revoke every token of this sign-in.
            var revoked = await RefreshTokens.RevokeFamilyAsync(connection, transaction, row.FamilyId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogReuse(logger, row.UserId, row.FamilyId, revoked);
            return ApiError.Unauthenticated("This refresh token was already used; every session of this sign-in is now revoked. Sign in again.");
        }

        var user = await Users.FindAsync(connection, transaction, row.UserId, cancellationToken);
        if (user is null)
        {
            return ApiError.Unauthenticated("The account no longer exists.");
        }

        var refresh = await RefreshTokens.IssueAsync(connection, transaction, user.Id, row.FamilyId, now, tokenOptions.Value.RefreshTokenLifetime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<AuthPayload>.Ok(Payload(user, refresh));
    }

    /// <summary>Revokes the sign-in (token family) that <paramref name="token"/> belongs to.</summary>
    public async Task<Outcome<bool>> SignOutAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(RefreshTokens.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return ApiError.BadInput("refreshToken", "This is not a refresh token.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await RefreshTokens.FindAsync(connection, transaction, token, cancellationToken);
        if (row is null)
        {
            return ApiError.BadInput("refreshToken", "Unknown refresh token.");
        }

        await RefreshTokens.RevokeFamilyAsync(connection, transaction, row.FamilyId, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Changes the given profile fields of <paramref name="userId"/>.</summary>
    public async Task<Outcome<UserRecord>> UpdateProfileAsync(string userId, ProfileChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        string? username = null, fullname = null, avatarUrl = null;
        if (change.Username is not null)
        {
            var checkedName = AccountRules.Username(change.Username);
            if (checkedName.Error is { } e)
            {
                return e;
            }

            username = checkedName.Value;
        }

        if (change.Fullname is not null)
        {
            var checkedName = AccountRules.Fullname(change.Fullname);
            if (checkedName.Error is { } e)
            {
                return e;
            }

            fullname = checkedName.Value;
        }

        if (change.AvatarUrl is not null)
        {
            var checkedUrl = AccountRules.AvatarUrl(change.AvatarUrl);
            if (checkedUrl.Error is { } e)
            {
                return e;
            }

            avatarUrl = checkedUrl.Value;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var user = await Users.FindAsync(connection, transaction, userId, cancellationToken);
        if (user is null)
        {
            return ApiError.NotFound("The account no longer exists.");
        }

        if (username is not null && await Users.UsernameTakenAsync(connection, transaction, AccountRules.NormalizeUsername(username), userId, cancellationToken))
        {
            return UsernameTaken();
        }

        var updated = user with
        {
            Username = username ?? user.Username,
            Fullname = fullname ?? user.Fullname,
            AvatarUrl = change.AvatarUrl is null ? user.AvatarUrl : avatarUrl,
            UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        try
        {
            await Users.UpdateProfileAsync(connection, transaction, updated, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException e) when (Users.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return UsernameTaken();
        }

        return Outcome<UserRecord>.Ok(updated);
    }

    /// <summary>True when <paramref name="user"/> is an administrator (<see cref="AccountsOptions.AdminEmails"/>).</summary>
    public bool IsAdmin(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = AccountRules.NormalizeEmail(user.Email);
        return accountsOptions.Value.AdminEmails.Any(a => AccountRules.NormalizeEmail(a) == email);
    }

    private static ApiError UsernameTaken() => ApiError.BadInput("username", "This username is taken.");

    private static ApiError EmailTaken() => ApiError.BadInput("email", "An account with this email already exists.");

    private AuthPayload Payload(UserRecord user, (string Token, DateTimeOffset ExpiresAt) refresh)
    {
        var (access, accessExpires) = accessTokens.Issue(user.Id, user.Username);
        return new AuthPayload(access, accessExpires, refresh.Token, refresh.ExpiresAt, user);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "User {UserId} signed up")]
    private static partial void LogSignedUp(ILogger logger, string userId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Failed sign-in from {Remote}")]
    private static partial void LogSignInFailed(ILogger logger, string remote);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Operation} rate-limited for {Remote}")]
    private static partial void LogRateLimited(ILogger logger, string operation, string remote);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Refresh token reuse for user {UserId}: family {FamilyId} revoked ({Revoked} live tokens)")]
    private static partial void LogReuse(ILogger logger, string userId, string familyId, int revoked);
}
