using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Tributary.Api.Errors;
using Tributary.Studio.Destinations;

namespace Tributary.Studio.Scenes;

/// <summary>
/// Fetches a scene's logo once, at setScene: http(s) only, PNG or JPEG, at most <see cref="StudioOptions.MaxLogoBytes"/>
/// (the body is read with a running budget, so a lying or missing Content-Length cannot make it read more).
/// </summary>
public sealed class LogoFetcher(IHttpClientFactory clients, IOptions<StudioOptions> options)
{
    /// <summary>The name of the HTTP client (no redirects: a redirect could lead to a private address).</summary>
    public const string ClientName = "studio-logo";

    /// <summary>The image bytes, or BAD_USER_INPUT on <c>logoUrl</c>.</summary>
    public async Task<Outcome<byte[]>> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return ApiError.BadInput("logoUrl", "logoUrl must be an absolute http or https URL without credentials.");
        }

        if (DestinationRules.CheckHost(uri, limits.AllowPrivateAddresses, "logoUrl") is { } privateHost)
        {
            return privateHost;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.LogoFetchTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return ApiError.BadInput("logoUrl", $"The logo could not be fetched: HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentType is not MediaTypeHeaderValue { MediaType: "image/png" or "image/jpeg" })
            {
                return ApiError.BadInput("logoUrl", "The logo must be image/png or image/jpeg.");
            }

            if (response.Content.Headers.ContentLength > limits.MaxLogoBytes)
            {
                return TooLarge(limits);
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limits.MaxLogoBytes)
                {
                    return TooLarge(limits);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length == 0 ? ApiError.BadInput("logoUrl", "The logo is empty.") : Outcome<byte[]>.Ok(buffer.ToArray());
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ApiError.BadInput("logoUrl", "The logo could not be fetched (unreachable or too slow).");
        }
    }

    private static ApiError TooLarge(StudioOptions limits) =>
        ApiError.BadInput("logoUrl", $"The logo is larger than {limits.MaxLogoBytes} bytes.");
}
