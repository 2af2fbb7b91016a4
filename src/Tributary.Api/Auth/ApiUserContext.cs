namespace Tributary.Api.Auth;

/// <summary>The GraphQL user context of one request: the caller and how the request arrived.</summary>
public sealed class ApiUserContext : Dictionary<string, object?>
{
    /// <summary>Creates the context.</summary>
    public ApiUserContext(ICurrentUser caller, bool isHttpGet)
    {
        Caller = caller;
        IsHttpGet = isHttpGet;
    }

    /// <summary>The authenticated caller.</summary>
    public ICurrentUser Caller { get; }

    /// <summary>True when the request came as HTTP GET (queries only).</summary>
    public bool IsHttpGet { get; }
}
