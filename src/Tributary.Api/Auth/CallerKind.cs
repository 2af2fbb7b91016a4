namespace Tributary.Api.Auth;

/// <summary>Who is calling.</summary>
public enum CallerKind
{
    /// <summary>No credentials.</summary>
    Anonymous,

    /// <summary>A user, by our access token or an accepted external token.</summary>
    User,

    /// <summary>A server, by an API key with scopes; acts for no user.</summary>
    ApiKey,
}
