using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tributary.Api.Schema;
using Tributary.Api.Subscriptions;
using Tributary.Studio.Api;
using Tributary.Studio.Destinations;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Placement;
using Tributary.Studio.Scenes;
using Tributary.Studio.Storage;
using Tributary.Studio.Studios;

namespace Tributary.Studio;

/// <summary>Wires the studio: its GraphQL area and the worker that runs live studios on this node.</summary>
public static class StudioServiceCollectionExtensions
{
    /// <summary>
    /// Registers the studio for this node's roles: with <paramref name="api"/> the GraphQL area and the router that
    /// places goLive on a studio node; with <paramref name="worker"/> (the <c>studio</c> role) the pipeline and the
    /// node that reports its load to the cluster's studio registry and runs the studios placed on it.
    /// </summary>
    public static IServiceCollection AddTributaryStudio(this IServiceCollection services, IConfiguration configuration, bool api = true, bool worker = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Width % 2 == 0 && o.Height % 2 == 0, "Studio:Width and Studio:Height must be even (4:2:0 video).")
            .Validate(o => IPAddress.TryParse(o.SourceAddress, out var a) && a.AddressFamily == AddressFamily.InterNetwork && !a.Equals(IPAddress.Any), "Studio:SourceAddress must be an IPv4 address of this node (not 0.0.0.0).")
            .Validate(o => o.MaxRetryDelay >= o.RetryDelay, "Studio:MaxRetryDelay must not be shorter than Studio:RetryDelay.")
            .Validate(o => o.NodeDeadAfter > o.ReportInterval, "Studio:NodeDeadAfter must be longer than Studio:ReportInterval.")
            .Validate(o => string.IsNullOrEmpty(o.StreamKeyEncryptionKey) || IsKey(o.StreamKeyEncryptionKey), "Studio:StreamKeyEncryptionKey must be base64 of 32 bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamKeyProtector>();
        services.TryAddSingleton<StudioStore>();
        services.TryAddSingleton<StudioEvents>();
        if (api)
        {
            services.AddHttpClient(LogoFetcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
            services.TryAddSingleton<LogoFetcher>();
            services.TryAddSingleton<StudioRouter>();
            services.TryAddSingleton<StudioService>();
            AddTributaryStudioSchema(services);
        }

        if (worker)
        {
            services.TryAddSingleton<StudioSessions>();
            services.TryAddSingleton<StudioNode>();
            services.AddHostedService(sp => sp.GetRequiredService<StudioNode>());
        }

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
