using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tributary.Api.Schema;
using Tributary.Api.Subscriptions;
using Tributary.Studio.Api;
using Tributary.Studio.Destinations;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Scenes;
using Tributary.Studio.Storage;
using Tributary.Studio.Studios;

namespace Tributary.Studio;

/// <summary>Wires the studio: its GraphQL area and the worker that runs live studios on this node.</summary>
public static class StudioServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Studio area and its pipeline. Call it on nodes that run both <c>api</c> and <c>studio</c>
    /// (goLive starts the pipeline on the node that answered; see docs/studio.md).
    /// </summary>
    public static IServiceCollection AddTributaryStudio(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Width % 2 == 0 && o.Height % 2 == 0, "Studio:Width and Studio:Height must be even (4:2:0 video).")
            .Validate(o => o.MaxRetryDelay >= o.RetryDelay, "Studio:MaxRetryDelay must not be shorter than Studio:RetryDelay.")
            .Validate(o => string.IsNullOrEmpty(o.StreamKeyEncryptionKey) || IsKey(o.StreamKeyEncryptionKey), "Studio:StreamKeyEncryptionKey must be base64 of 32 bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(LogoFetcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<StreamKeyProtector>();
        services.TryAddSingleton<StudioStore>();
        services.TryAddSingleton<StudioEvents>();
        services.TryAddSingleton<LogoFetcher>();
        services.TryAddSingleton<StudioService>();
        services.TryAddSingleton<StudioSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<StudioSessions>());
        AddTributaryStudioSchema(services);
        return services;
    }

    /// <summary>The schema part only (the area and its graph types).</summary>
    public static IServiceCollection AddTributaryStudioSchema(this IServiceCollection services)
    {
        services.AddSingleton<StudioArea>();
        services.AddSingleton<ISchemaArea>(sp => sp.GetRequiredService<StudioArea>());
        services.AddSingleton<ISubscriptionArea>(sp => sp.GetRequiredService<StudioArea>());
        services.TryAddTransient<StudioType>();
        services.TryAddTransient<DestinationType>();
        services.TryAddTransient<StudioEventType>();
        services.TryAddTransient<StudioLayoutType>();
        services.TryAddTransient<DestinationKindType>();
        services.TryAddTransient<DestinationStateType>();
        return services;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(value, buffer, out var length) && length == 32;
    }
}
