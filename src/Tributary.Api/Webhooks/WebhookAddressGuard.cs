using System.Net;
using System.Net.Sockets;

namespace Tributary.Api.Webhooks;

/// <summary>Keeps webhook deliveries away from internal addresses unless allowed (SSRF guard).</summary>
public static class WebhookAddressGuard
{
    /// <summary>Longest URL accepted.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Checks a URL at registration; returns the reason it is refused, or null.</summary>
    public static string? Validate(string url, bool allowPrivate)
    {
        if (url.Length > MaxUrlLength)
        {
            return $"url must be at most {MaxUrlLength} characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "url must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "url must not carry credentials";
        }

        if (!allowPrivate && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && !IsPublic(ip))
            || uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return "url must point to a public address";
        }

        return null;
    }

    /// <summary>True for a globally routable unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }
}
