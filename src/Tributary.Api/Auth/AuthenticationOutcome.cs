namespace Tributary.Api.Auth;

/// <summary>The caller, or why the presented credentials were refused (answered with HTTP 401).</summary>
public readonly record struct AuthenticationOutcome(ICurrentUser? Caller, string? Failure)
{
    /// <summary>Credentials accepted, or none presented.</summary>
    public static AuthenticationOutcome Accepted(ICurrentUser caller) => new(caller, null);

    /// <summary>Credentials presented and refused.</summary>
    public static AuthenticationOutcome Refused(string reason) => new(null, reason);
}
