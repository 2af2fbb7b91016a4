using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tributary.Api.AppRooms;
using Tributary.Api.Calls;
using Tributary.Api.Chat;
using Tributary.Api.Notifications;
using Tributary.Api.Schema;
using Tributary.Api.Social;
using Tributary.Api.Subscriptions;

namespace Tributary.Api.Business;

/// <summary>Wires the app's business API: social graph, notifications, rooms, calls, chat, subscriptions.</summary>
public static class BusinessServiceCollectionExtensions
{
    /// <summary>The schema areas only (enough to print the SDL).</summary>
    public static IServiceCollection AddTributaryBusinessSchema(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaArea, SocialArea>();
        services.AddSingleton<ISchemaArea, NotificationsArea>();
        services.AddSingleton<ISchemaArea, AppRoomsArea>();
        services.AddSingleton<ISchemaArea, CallsArea>();
        services.AddSingleton<ISchemaArea, ChatArea>();
        services.AddSingleton<ISchemaArea, Webhooks.WebhooksArea>();
        services.AddSingleton<ISubscriptionArea, SubscriptionsArea>();
        return services;
    }

    /// <summary>The services behind the areas.</summary>
    public static IServiceCollection AddTributaryBusiness(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AppRoomsOptions>().Bind(configuration.GetSection(AppRoomsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Window > TimeSpan.Zero, "Chat:Window must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<RoomVisibility>();
        services.TryAddSingleton<AppRoomService>();
        services.TryAddSingleton<LiveFeed>();
        services.TryAddSingleton<CallService>();
        services.TryAddSingleton<ChatRateLimiter>();
        services.TryAddSingleton<ReactionTotals>();
        services.TryAddSingleton<RealtimePublisher>();
        services.AddHostedService<RealtimeBridge>();
        services.AddOptions<SubscriptionsOptions>().Bind(configuration.GetSection(SubscriptionsOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.ConnectionInitTimeout > TimeSpan.Zero && o.CloseTimeout > TimeSpan.Zero, "Subscriptions: timeouts must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<GraphQLWebSocketEndpoint>();
        return services;
    }
}
