using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tributary.Media.Engine;
using Tributary.Media.Munits;
using Tributary.Rooms.Gateway;
using Tributary.Rooms.Ice;
using Tributary.Rooms.Presence;

namespace Tributary.Rooms;

/// <summary>Wires the <c>edge</c> role's rooms: room grains, the <c>/signal</c> gateway, <see cref="IRoomDirectory"/>.</summary>
public static class RoomsServiceCollectionExtensions
{
    /// <summary>Registers room grains' services, the gateway and the room directory.</summary>
    public static IServiceCollection AddTributaryRooms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoomsOptions>()
            .Bind(configuration.GetSection(RoomsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero && o.PresenceTimeout > TimeSpan.Zero && o.PresenceSweepInterval > TimeSpan.Zero && o.CalleeTimeout > TimeSpan.Zero, "Rooms: intervals must be positive")
            .Validate(o => o.MaxFrameBytes <= o.MaxMessageBytes, "Rooms:MaxFrameBytes must not exceed Rooms:MaxMessageBytes")
            .ValidateOnStart();
        services.AddOptions<TurnOptions>()
            .Bind(configuration.GetSection(TurnOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoomsOptions>, IceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TurnOptions>, IceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IceConfiguration>();
        services.TryAddSingleton(sp => new RoomClock(sp.GetRequiredService<TimeProvider>()));
        // A process with its own munit (media role, Janus enabled) replaces this with its local engine; any other
        // process sends each room's media signals to a munit elsewhere in the cluster.
        services.TryAddSingleton<IMediaEngine, ClusterMediaEngine>();
        services.TryAddSingleton<IRoomDirectory, RoomDirectory>();
        // The data layer registers the database-backed ones first; these keep rooms working without it.
        services.TryAddSingleton<IRoomAdmission, OpenRoomAdmission>();
        services.TryAddSingleton<IRoomEvents, NoRoomEvents>();
        // The LL-HLS area replaces it: p2m JOIN acks then carry es.hls.url.
        services.TryAddSingleton<IBroadcastPlayback, NoBroadcastPlayback>();
        services.TryAddSingleton<SignalRelay>();
        services.TryAddSingleton<SignalEndpoint>();
        services.TryAddSingleton<GatewayMetrics>();
        return services;
    }

    /// <summary>Maps <c>GET /signal</c> (WebSocket).</summary>
    public static IEndpointRouteBuilder MapSignaling(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/signal", context => context.RequestServices.GetRequiredService<SignalEndpoint>().HandleAsync(context));
        return endpoints;
    }
}
