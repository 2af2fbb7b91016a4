using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tributary.Hls.Broadcasts;
using Tributary.Rooms;

namespace Tributary.Hls.Playback;

// The p2m JOIN ack's es.hls.url: {base}/live/{userId}/{streamId}/playlist.m3u8 once the broadcast has
// a variant and has not ended. The base is Hls:PublicBaseUrl, else this server's first listening address.
internal sealed class BroadcastPlayback(IGrainFactory grains, IOptions<HlsOptions> options, IServiceProvider services) : IBroadcastPlayback
{
    public async Task<string?> GetPlaybackUrlAsync(string userId, string streamId)
    {
        var status = await grains.GetGrain<IBroadcastGrain>(BroadcastKey.Of(userId, streamId)).GetStatusAsync();
        if (status.Tracks == 0 || status.Ended || BaseUrl() is not { } baseUrl)
        {
            return null;
        }

        return string.Concat(baseUrl, "/live/", Uri.EscapeDataString(userId), "/", Uri.EscapeDataString(streamId), "/playlist.m3u8");
    }

    private string? BaseUrl()
    {
        if (!string.IsNullOrEmpty(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault()?.TrimEnd('/');
    }
}
