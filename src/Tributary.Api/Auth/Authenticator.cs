using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tributary.Api.ApiKeys;
using Tributary.Auth;

namespace Tributary.Api.Auth;

/// <summary>
/// Finds the caller of a request: <c>X-Api-Key: trk_…</c>, or <c>Authorization: Bearer</c> with our own
/// access token or (when <see cref="TokenOptions.ExternalAuthority"/> is set) the external authority's
/// JWT, validated by the JwtBearer handler with OIDC discovery. No credentials: anonymous. Credentials
/// that fail: refused (HTTP 401), never silently anonymous.
/// </summary>
public sealed class Authenticator(AccessTokens tokens, ApiKeyStore keys, ExternalUsers external, IOptions<TokenOptions> options)
{
    /// <summary>The authentication scheme of the external authority.</summary>
    public const string ExternalScheme = "external-oidc";

    /// <summary>The API key header.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Authenticates <paramref name="context"/>; sets <see cref="HttpContext.User"/> on success.</summary>
    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context, string remoteAddress)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        var hasKey = headers.TryGetValue(ApiKeyHeader, out var keyValues);
        var hasAuthorization = headers.TryGetValue("Authorization", out var authorization);
        if (hasKey && hasAuthorization)
        {
            return AuthenticationOutcome.Refused("Send either X-Api-Key or Authorization, not both.");
        }

        if (hasKey)
        {
            var key = keyValues.Count == 1 ? await keys.ValidateAsync(keyValues[0]!, context.RequestAborted) : null;
            if (key is null)
            {
                return AuthenticationOutcome.Refused("Invalid or revoked API key.");
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("api_key", key.Id)], "ApiKey"));
            return AuthenticationOutcome.Accepted(CurrentUser.ForApiKey(key.Id, key.ScopeSet, remoteAddress));
        }

        if (!hasAuthorization)
        {
            return AuthenticationOutcome.Accepted(CurrentUser.Anonymous(remoteAddress));
        }

        var value = authorization.Count == 1 ? authorization[0] ?? string.Empty : string.Empty;
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.Length <= 7)
        {
            return AuthenticationOutcome.Refused("Authorization must be 'Bearer <token>'.");
        }

        var token = value[7..].Trim();
        string? issuer;
        try
        {
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return AuthenticationOutcome.Refused("The bearer token is not a JWT.");
        }

        if (issuer == options.Value.Issuer)
        {
            var (userId, error) = await tokens.ValidateAsync(token);
            if (userId is null)
            {
                return AuthenticationOutcome.Refused($"Invalid access token ({error}).");
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)], "Tributary"));
            return AuthenticationOutcome.Accepted(CurrentUser.ForUser(userId, remoteAddress));
        }

        if (string.IsNullOrWhiteSpace(options.Value.ExternalAuthority))
        {
            return AuthenticationOutcome.Refused("Tokens of this issuer are not accepted.");
        }

        var result = await context.AuthenticateAsync(ExternalScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return AuthenticationOutcome.Refused($"Invalid external token ({result.Failure?.GetType().Name ?? "rejected"}).");
        }

        var subject = result.Principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var externalIssuer = result.Principal.FindFirst(JwtRegisteredClaimNames.Iss)?.Value ?? issuer;
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(externalIssuer))
        {
            return AuthenticationOutcome.Refused("The external token has no subject.");
        }

        var localId = await external.MapAsync(externalIssuer, subject, result.Principal, context.RequestAborted);
        context.User = result.Principal;
        return AuthenticationOutcome.Accepted(CurrentUser.ForUser(localId, remoteAddress));
    }
}
