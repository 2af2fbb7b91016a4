using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tributary.Hls.Broadcasts;
using Tributary.Hls.Forwarding;
using Tributary.Hls.Ingest;
using Tributary.Hls.Playback;
using Tributary.Hls.Signals;
using Tributary.Media.Forwarding;
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
            .Validate(o => o.ProgramIdleTimeout > TimeSpan.Zero, "Hls:ProgramIdleTimeout must be positive.")
            .Validate(o => o.EdgeWatchLease > TimeSpan.Zero && o.EdgeNotifyTimeout > TimeSpan.Zero, "Hls:EdgeWatchLease and Hls:EdgeNotifyTimeout must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HlsMetrics>();
        services.TryAddSingleton<IRoomDirectory, NoRoomDirectory>();
        services.TryAddSingleton<IBroadcastIngest, GrainBroadcastIngest>();
        // Replaces the rooms area's default (no broadcasts) whichever of the two is added first.
        services.Replace(ServiceDescriptor.Singleton<IBroadcastPlayback, BroadcastPlayback>());
        services.AddOptions<HlsForwardingOptions>()
            .Bind(configuration.GetSection(HlsForwardingOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.RestartDelay > TimeSpan.Zero, "HlsForwarding:RestartDelay must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<HlsPackager>();
        // Replaces the media area's default (no packager) whichever of the two is added first.
        services.Replace(ServiceDescriptor.Singleton<IHlsForwarding>(sp => sp.GetRequiredService<HlsPackager>()));
        services.TryAddSingleton<UploadRateLimiter>();
        services.TryAddSingleton<UploadEndpoint>();
        services.TryAddSingleton<EdgeCache>();
        services.TryAddSingleton<PlaybackEndpoints>();
        return services;
    }
}
