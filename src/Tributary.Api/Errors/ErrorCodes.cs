namespace Tributary.Api.Errors;

/// <summary>The values of <c>extensions.code</c> on GraphQL errors.</summary>
public static class ErrorCodes
{
    /// <summary>No valid credentials were presented (or a bad token was: HTTP 401).</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>The caller is known but not allowed to do this.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>An argument was rejected; the message says which and why.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>The thing named does not exist (or is not visible to the caller).</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>A bug or a broken dependency; details only in Development.</summary>
    public const string Internal = "INTERNAL";

    /// <summary>Too many attempts; <c>extensions.retryAfterSeconds</c> says when to try again.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document does not validate against the schema, or exceeds the depth/complexity limits.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>The HTTP request itself is malformed (not JSON, no query, wrong parameter types).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>goLive: every studio node already runs its <c>Studio:MaxLiveStudios</c> (or none is up); nothing was started. Try again later.</summary>
    public const string StudioCapacity = "STUDIO_CAPACITY";
}
