using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Tributary.Hls.Broadcasts;

namespace Tributary.Hls.Playback;

// GET /live/{userId}/{streamId}/... (HLS-DATA-SIGNALS.md "Playback URLs"). Every answer is the broadcast
// grain's, through this node's EdgeCache, so any edge node serves any broadcast; headers let a CDN cache
// what is safe.
internal sealed class PlaybackEndpoints(EdgeCache cache, IOptions<HlsOptions> options)
{
    public const string PlaylistContentType = "application/vnd.apple.mpegurl";

    public async Task MasterAsync(HttpContext context, string userId, string streamId)
    {
        var response = await cache.GetMasterPlaylistAsync(BroadcastKey.Of(userId, streamId));
        // The master changes only when a variant or rendition is added: a short shared cache suffices.
        await WritePlaylistAsync(context, response, "public, max-age=2");
    }

    public async Task MediaPlaylistAsync(HttpContext context, string userId, string streamId, string trackId)
    {
        var query = context.Request.Query;
        long? msn = null;
        int? part = null;
        if (query.TryGetValue("_HLS_msn", out var msnText))
        {
            if (!long.TryParse(msnText, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                await WriteErrorAsync(context, 400, "_HLS_msn must be a non-negative integer");
                return;
            }

            msn = m;
        }

        if (query.TryGetValue("_HLS_part", out var partText))
        {
            if (msn is null)
            {
                // RFC 8216bis 6.2.5.2: _HLS_part without _HLS_msn is a bad request.
                await WriteErrorAsync(context, 400, "_HLS_part requires _HLS_msn");
                return;
            }

            if (!int.TryParse(partText, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                await WriteErrorAsync(context, 400, "_HLS_part must be a non-negative integer");
                return;
            }

            part = p;
        }

        var skip = false;
        if (query.TryGetValue("_HLS_skip", out var skipText))
        {
            if (skipText != "YES" && skipText != "v2")
            {
                await WriteErrorAsync(context, 400, "_HLS_skip must be YES or v2");
                return;
            }

            skip = true;
        }

        var response = await cache.GetMediaPlaylistAsync(BroadcastKey.Of(userId, streamId), new MediaPlaylistRequest(trackId, msn, part, skip));
        // A blocking request's URL names one future playlist, so its answer may be cached like media;
        // a plain reload must stay fresh to within about a part.
        var cacheControl = response.Ended ? "public, max-age=60"
            : msn is not null ? FormattableString.Invariant($"public, max-age={(int)options.Value.MediaMaxAge.TotalSeconds}")
            : "public, max-age=1";
        await WritePlaylistAsync(context, response, cacheControl);
    }

    public async Task MediaAsync(HttpContext context, string userId, string streamId, string trackId, string name)
    {
        var response = await cache.GetMediaAsync(BroadcastKey.Of(userId, streamId), trackId, name);
        if (response.Status != 200)
        {
            await WriteErrorAsync(context, response.Status, response.Error ?? "no such media");
            return;
        }

        var headers = context.Response.Headers;
        context.Response.StatusCode = 200;
        context.Response.ContentType = response.Kind == MediaKind.InitSection ? "video/mp4" : "video/iso.segment";
        headers.CacheControl = FormattableString.Invariant($"public, max-age={(int)options.Value.MediaMaxAge.TotalSeconds}");
        headers.AccessControlAllowOrigin = "*";
        long length = 0;
        foreach (var chunk in response.Chunks)
        {
            length += chunk.Length;
        }

        context.Response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        foreach (var chunk in response.Chunks)
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }
    }

    private static async Task WritePlaylistAsync(HttpContext context, PlaylistResponse response, string cacheControl)
    {
        if (response.Status != 200)
        {
            await WriteErrorAsync(context, response.Status, response.Error ?? "error");
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = PlaylistContentType;
        context.Response.Headers.CacheControl = cacheControl;
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.ContentLength = response.Body!.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        // Errors (a 503 after a held reload above all) must never be cached by a CDN.
        context.Response.Headers.CacheControl = new StringValues("no-store");
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
