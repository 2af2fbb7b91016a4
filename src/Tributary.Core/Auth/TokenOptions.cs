using System.ComponentModel.DataAnnotations;

namespace Tributary.Auth;

/// <summary>Section <c>Auth</c>: how access tokens are issued and which are accepted.</summary>
public sealed class TokenOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>The <c>iss</c> of tokens we issue. Default <c>tributary</c>.</summary>
    [Required]
    public string Issuer { get; set; } = "tributary";

    /// <summary>The <c>aud</c> of tokens we issue. Default <c>tributary</c>.</summary>
    [Required]
    public string Audience { get; set; } = "tributary";

    /// <summary>
    /// Base64 HS256 key, at least 32 bytes. Default empty: a key is generated once into the data
    /// folder (<c>jwt-signing.key</c>), so a single machine needs no setup; a cluster must share one.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Access token lifetime. Default 15 minutes: short, because access tokens cannot be revoked.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refresh token lifetime. Default 30 days, the mobile apps' re-login period.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Clock skew allowed when validating. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An external OpenID Connect authority (the old app used Cognito) whose tokens are accepted too.
    /// Default empty: none.
    /// </summary>
    public string? ExternalAuthority { get; set; }

    /// <summary>The audience expected in external tokens. Default empty: not checked.</summary>
    public string? ExternalAudience { get; set; }

    /// <summary>
    /// Require HTTPS for the external authority's discovery document. Default true; only a test
    /// authority on loopback may turn it off.
    /// </summary>
    public bool ExternalRequireHttpsMetadata { get; set; } = true;
}
