using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tributary.Hls.Broadcasts;
using Tributary.Hls.Ingest;
using Tributary.Hls.Playback;
using Tributary.Hls.Signals;
using Tributary.Rooms;

namespace Tributary.Hls;

/// <summary>Wires LL-HLS upload and playback into the <c>edge</c> role.</summary>
public static class HlsServiceCollectionExtensions
{
    /// <summary>Registers options (section <c>Hls</c>), metrics, the ingest and the endpoints' services.</summary>
    public static IServiceCollection AddTributaryHls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HlsOptions>()
            .Bind(configuration.GetSection(HlsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.MaxBroadcastBytes >= 2L * o.MaxPayloadBytes, "Hls:MaxBroadcastBytes must hold at least two maximal payloads.")
            .Validate(o => o.RoomCheckInterval > TimeSpan.Zero, "Hls:RoomCheckInterval must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HlsMetrics>();
        services.TryAddSingleton<IRoomDirectory, NoRoomDirectory>();
        services.TryAddSingleton<IBroadcastIngest, GrainBroadcastIngest>();
        services.TryAddSingleton<UploadEndpoint>();
        services.TryAddSingleton<PlaybackEndpoints>();
        return services;
    }
}
