namespace Tributary.Api.Auth;

/// <summary>The plain <see cref="ICurrentUser"/>.</summary>
public sealed record CurrentUser(CallerKind Kind, string? UserId, string? ApiKeyId, IReadOnlySet<string> Scopes, string RemoteAddress) : ICurrentUser
{
    private static readonly IReadOnlySet<string> NoScopes = new HashSet<string>();

    /// <summary>An anonymous caller.</summary>
    public static CurrentUser Anonymous(string remoteAddress) => new(CallerKind.Anonymous, null, null, NoScopes, remoteAddress);

    /// <summary>A signed-in user.</summary>
    public static CurrentUser ForUser(string userId, string remoteAddress) => new(CallerKind.User, userId, null, NoScopes, remoteAddress);

    /// <summary>A server holding an API key.</summary>
    public static CurrentUser ForApiKey(string keyId, IReadOnlySet<string> scopes, string remoteAddress) => new(CallerKind.ApiKey, null, keyId, scopes, remoteAddress);
}
