using System.Net;
using Tributary.Api.Errors;
using Tributary.Api.Webhooks;

namespace Tributary.Studio.Destinations;

/// <summary>What addDestination accepts: an rtmp:// or rtmps:// ingest URL and a non-empty stream key.</summary>
public static class DestinationRules
{
    /// <summary>Longest URL accepted.</summary>
    public const int MaxUrlLength = 512;

    /// <summary>Longest stream key accepted (platform keys are 20–60 characters).</summary>
    public const int MaxStreamKeyLength = 256;

    /// <summary>Null when the URL is acceptable, else BAD_USER_INPUT on <c>url</c>.</summary>
    public static ApiError? CheckUrl(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "rtmp" && uri.Scheme != "rtmps") || string.IsNullOrEmpty(uri.Host))
        {
            return ApiError.BadInput("url", $"url must be an absolute rtmp:// or rtmps:// URL of at most {MaxUrlLength} characters.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || url.Any(char.IsWhiteSpace))
        {
            return ApiError.BadInput("url", "url must not carry credentials, a query, a fragment or spaces (the stream key goes in streamKey).");
        }

        return CheckHost(uri, allowPrivate, "url");
    }

    /// <summary>Null when the key is acceptable, else BAD_USER_INPUT on <c>streamKey</c>.</summary>
    public static ApiError? CheckStreamKey(string? streamKey) =>
        string.IsNullOrEmpty(streamKey) || streamKey.Length > MaxStreamKeyLength || streamKey.Any(c => c <= ' ' || c > '~' || c == '/')
            ? ApiError.BadInput("streamKey", $"streamKey is required: 1–{MaxStreamKeyLength} printable ASCII characters without spaces or '/'.")
            : null;

    /// <summary>Refuses loopback and private hosts unless allowed (the relay would connect there).</summary>
    public static ApiError? CheckHost(Uri uri, bool allowPrivate, string field)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!allowPrivate && (uri.IsLoopback || uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && !WebhookAddressGuard.IsPublic(ip))))
        {
            return ApiError.BadInput(field, $"{field} must point to a public address.");
        }

        return null;
    }
}
