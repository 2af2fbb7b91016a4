using System.Security.Cryptography;
using System.Text;

namespace Tributary.Api.Webhooks;

/// <summary>
/// The <c>Tributary-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>.
/// Binding the timestamp lets receivers refuse replays older than they tolerate.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header name.</summary>
    public const string Header = "Tributary-Signature";

    /// <summary>Signs <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{unixSeconds}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Checks a header value against <paramref name="body"/> (constant-time compare).</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out var seconds) || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        var expected = Create(secret, seconds, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes($"t={t},v1={v1}"));
    }
}
