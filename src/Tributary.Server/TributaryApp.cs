using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using StackExchange.Redis;
using Tributary.Api;
using Tributary.Api.Realtime;
using Tributary.Api.Webhooks;
using Tributary.Auth;
using Tributary.Data;
using Tributary.Fleet;
using Tributary.Hls;
using Tributary.Hosting;
using Tributary.Media;
using Tributary.Media.Munits;
using Tributary.Media.Demo;
using Tributary.Rooms;
using Tributary.Server.Health;
using Tributary.Server.WebApp;
using Tributary.Studio;

namespace Tributary.Server;

/// <summary>Builds the web application for a set of roles: the one composition root.</summary>
public static class TributaryApp
{
    /// <summary>Builds the application. <paramref name="configurationArgs"/> are <c>--Section:Key=value</c> overrides.</summary>
    public static WebApplication Build(ServerRoles roles, IReadOnlyList<string> configurationArgs, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. configurationArgs],
            EnvironmentName = configurationArgs.LastOrDefault(a => a.StartsWith("--environment=", StringComparison.Ordinal))?["--environment=".Length..]
                ?? Environment.GetEnvironmentVariable("TRIBUTARY_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("TRIBUTARY__");
        if (Environment.GetEnvironmentVariable("TRIBUTARY_DATA_DIR") is { Length: > 0 } dataDir)
        {
            builder.Configuration[$"{ServerOptions.Section}:DataDir"] = dataDir;
        }

        // Flags win over environment and files.
        builder.Configuration.AddCommandLine([.. configurationArgs]);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
        }

        ConfigureLogging(builder);
        configure?.Invoke(builder);

        var services = builder.Services;
        services.AddSingleton(new ServerRoleSet(roles));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
        services.AddOptions<TokenOptions>().Bind(builder.Configuration.GetSection(TokenOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessTokens>();
        services.AddTributaryData(builder.Configuration);
        services.AddHealthEndpoints();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Tributary.*")
            .AddPrometheusExporter());
        ConfigureCluster(builder);

        if (roles.HasFlag(ServerRoles.Api))
        {
            services.AddTributaryApi(builder.Configuration);
        }

        services.AddTributaryWebhooks(builder.Configuration);
        services.AddTributaryRealtime(builder.Configuration);
        if (roles.HasFlag(ServerRoles.Control))
        {
            services.AddOutboxDispatcher();
            services.AddWebhookDispatcher();
        }

        // Room and broadcast grains may activate on any silo, so every process can host them; only edge
        // serves /signal, /data and /live. Rooms first: its room directory is the one LL-HLS must use.
        services.AddTributaryRooms(builder.Configuration);
        services.AddTributaryHls(builder.Configuration);

        // The munit registry grain may activate on any silo; the fleet loop (sweep, RESTART, autoscaler) runs in control.
        services.AddTributaryFleet(builder.Configuration, control: roles.HasFlag(ServerRoles.Control));

        if (roles.HasFlag(ServerRoles.Media))
        {
            services.AddTributaryMedia(builder.Configuration);
        }

        if (roles.HasFlag(ServerRoles.Edge))
        {
            services.AddTributaryWebApp(builder.Configuration);
        }

        // api: the Studio area, whose goLive places the studio on the least-loaded studio node; studio: the worker
        // node that reports its load and runs the studios placed on it (docs/studio.md, "Placement").
        if (roles.HasFlag(ServerRoles.Api) || roles.HasFlag(ServerRoles.Studio))
        {
            services.AddTributaryStudio(builder.Configuration, api: roles.HasFlag(ServerRoles.Api), worker: roles.HasFlag(ServerRoles.Studio));
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (roles.HasFlag(ServerRoles.Api))
        {
            app.MapTributaryApi();
        }

        if (roles.HasFlag(ServerRoles.Edge))
        {
            app.MapSignaling();
            app.MapHls();
            app.MapMediaDemo();
            app.MapTributaryWebApp();
        }

        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }

    private static void ConfigureCluster(WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.AddRecoveryGrainDirectory();
            switch (cluster.Provider.ToLowerInvariant())
            {
                case "localhost":
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                    silo.AddMemoryGrainStorageAsDefault();
                    break;
                case "redis":
                    if (string.IsNullOrWhiteSpace(cluster.RedisConnectionString))
                    {
                        throw new OptionsValidationException(ClusterOptions.Section, typeof(ClusterOptions), ["Cluster:RedisConnectionString is required when Cluster:Provider is redis."]);
                    }

                    silo.Configure<EndpointOptions>(o =>
                    {
                        o.AdvertisedIPAddress = IPAddress.Parse(cluster.AdvertisedAddress);
                        o.SiloPort = cluster.SiloPort;
                        o.GatewayPort = cluster.GatewayPort;
                        o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, cluster.SiloPort);
                        o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, cluster.GatewayPort);
                    });
                    silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.RedisConnectionString));
                    silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.RedisConnectionString));
                    break;
                default:
                    throw new OptionsValidationException(ClusterOptions.Section, typeof(ClusterOptions), [$"Cluster:Provider '{cluster.Provider}' is not one of localhost, redis."]);
            }
        });
    }
}
