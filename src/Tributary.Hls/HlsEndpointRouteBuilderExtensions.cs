using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Hls.Playback;
using Tributary.Hls.Signals;

namespace Tributary.Hls;

/// <summary>Maps <c>POST /data</c> and <c>GET /live/...</c>.</summary>
public static class HlsEndpointRouteBuilderExtensions
{
    /// <summary>Maps the upload endpoint and the playback URLs of HLS-DATA-SIGNALS.md.</summary>
    public static IEndpointRouteBuilder MapHls(this IEndpointRouteBuilder endpoints)
    {
        var upload = endpoints.ServiceProvider.GetRequiredService<UploadEndpoint>();
        var playback = endpoints.ServiceProvider.GetRequiredService<PlaybackEndpoints>();
        endpoints.MapPost("/data", upload.HandleAsync);
        endpoints.MapMethods("/live/{userId}/{streamId}/playlist.m3u8", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext c, string userId, string streamId) => playback.MasterAsync(c, userId, streamId));
        endpoints.MapMethods("/live/{userId}/{streamId}/{trackId}/playlist.m3u8", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext c, string userId, string streamId, string trackId) => playback.MediaPlaylistAsync(c, userId, streamId, trackId));
        endpoints.MapMethods("/live/{userId}/{streamId}/{trackId}/{name}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext c, string userId, string streamId, string trackId, string name) => playback.MediaAsync(c, userId, streamId, trackId, name));
        return endpoints;
    }
}
