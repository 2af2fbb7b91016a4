using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tributary.Hosting;

namespace Tributary.Auth;

/// <summary>Issues and validates our own HS256 access tokens. The subject is the user id.</summary>
public sealed class AccessTokens
{
    private readonly TokenOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Creates the issuer, loading or generating the signing key.</summary>
    public AccessTokens(IOptions<TokenOptions> options, IOptions<ServerOptions> server, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        SigningKey = new SymmetricSecurityKey(LoadKey(_options, server.Value)) { KeyId = "tributary" };
    }

    /// <summary>The HS256 key.</summary>
    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>Parameters that accept exactly the tokens this class issues.</summary>
    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = _options.ClockSkew,
        NameClaimType = JwtRegisteredClaimNames.Sub,
        LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = _time.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value - p.ClockSkew <= now) && expires is not null && now < expires.Value + p.ClockSkew;
        },
    };

    /// <summary>Issues an access token for <paramref name="userId"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string? username = null, IEnumerable<Claim>? extra = null)
    {
        var now = _time.GetUtcNow();
        var expires = now + _options.AccessTokenLifetime;
        var claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = userId };
        if (username is not null)
        {
            claims["preferred_username"] = username;
        }

        foreach (var claim in extra ?? [])
        {
            claims[claim.Type] = claim.Value;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>Validates a token we issued; returns the user id, or null with the reason.</summary>
    public async Task<(string? UserId, string? Error)> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, "missing token");
        }

        var result = await _handler.ValidateTokenAsync(token, ValidationParameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, result.Exception?.GetType().Name ?? "invalid token");
        }

        return result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) && sub is string id && id.Length > 0
            ? (id, null)
            : (null, "token has no subject");
    }

    private static byte[] LoadKey(TokenOptions options, ServerOptions server)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Convert.FromBase64String(options.SigningKey);
            return configured.Length >= 32
                ? configured
                : throw new InvalidOperationException("Auth:SigningKey must be base64 of at least 32 bytes.");
        }

        var path = Path.Combine(server.EnsureDataDir(), "jwt-signing.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
