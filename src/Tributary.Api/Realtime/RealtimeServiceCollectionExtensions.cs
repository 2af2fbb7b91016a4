using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tributary.Api.Realtime;

/// <summary>Wires the topic hub.</summary>
public static class RealtimeServiceCollectionExtensions
{
    /// <summary>Registers this node's <see cref="TopicHub"/>.</summary>
    public static IServiceCollection AddTributaryRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TopicHubOptions>().Bind(configuration.GetSection(TopicHubOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TopicHub>();
        services.AddHostedService(sp => sp.GetRequiredService<TopicHub>());
        return services;
    }
}
