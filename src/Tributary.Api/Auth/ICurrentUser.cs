namespace Tributary.Api.Auth;

/// <summary>The authenticated caller of one GraphQL request, as resolvers see it.</summary>
public interface ICurrentUser
{
    /// <summary>Who is calling.</summary>
    CallerKind Kind { get; }

    /// <summary>The local user id for <see cref="CallerKind.User"/>, else null.</summary>
    string? UserId { get; }

    /// <summary>The key id for <see cref="CallerKind.ApiKey"/>, else null.</summary>
    string? ApiKeyId { get; }

    /// <summary>The API key's scopes; empty for users and anonymous callers.</summary>
    IReadOnlySet<string> Scopes { get; }

    /// <summary>The client address (rate limits are keyed on it).</summary>
    string RemoteAddress { get; }

    /// <summary>True for a user or an API key.</summary>
    bool IsAuthenticated => Kind != CallerKind.Anonymous;

    /// <summary>True when an API key carries <paramref name="scope"/>.</summary>
    bool HasScope(string scope) => Scopes.Contains(scope);
}
