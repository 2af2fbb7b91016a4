using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tributary.Testing;

namespace Tributary.Api.Tests.Support;

/// <summary>
/// A minimal OpenID Connect authority on loopback (discovery document + JWKS) standing in for Cognito:
/// nothing else is reachable from the test machines. It signs RS256 tokens with its own key.
/// </summary>
public sealed class LoopbackOidcAuthority : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private LoopbackOidcAuthority(WebApplication app, string issuer, RsaSecurityKey key)
    {
        _app = app;
        Issuer = issuer;
        _key = key;
    }

    /// <summary>The authority URL, also the <c>iss</c> of its tokens.</summary>
    public string Issuer { get; }

    public static async Task<LoopbackOidcAuthority> StartAsync()
    {
        var port = FreePort.Get();
        var issuer = $"http://127.0.0.1:{port}";
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "loopback-1" };
        var parameters = key.Rsa.ExportParameters(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["subject_types_supported"] = new[] { "public" },
            ["response_types_supported"] = new[] { "code" },
        }));
        app.MapGet("/jwks", () => Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        }));
        await app.StartAsync();
        return new LoopbackOidcAuthority(app, issuer, key);
    }

    /// <summary>A token of this authority (or, with <paramref name="foreignKey"/>, one that only claims to be).</summary>
    public string Issue(string subject, string audience, IDictionary<string, object>? claims = null, TimeSpan? age = null, bool foreignKey = false)
    {
        var now = DateTime.UtcNow - (age ?? TimeSpan.Zero);
        var key = foreignKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>()) { ["sub"] = subject };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = all,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
