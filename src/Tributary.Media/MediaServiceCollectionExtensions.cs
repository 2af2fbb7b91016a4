using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Media.Engine;
using Tributary.Media.Janus;
using Tributary.Media.Munits;

namespace Tributary.Media;

/// <summary>Wires the media role.</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// The media role: with <c>Media:Janus:Enabled=true</c>, a supervised local Janus (started with the host) and
    /// <see cref="JanusMediaEngine"/> as the <see cref="IMediaEngine"/>; otherwise nothing starts and the
    /// engine stays <see cref="ClusterMediaEngine"/>, which uses munits elsewhere in the cluster (every test host runs all roles and must not start a Janus).
    /// </summary>
    public static IServiceCollection AddTributaryMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JanusOptions>()
            .Bind(configuration.GetSection(JanusOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JanusOptions>, JanusOptionsValidator>());
        services.AddOptions<MunitOptions>()
            .Bind(configuration.GetSection(MunitOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.ReportInterval > TimeSpan.Zero && o.LoadTimeout > TimeSpan.Zero, $"{MunitOptions.Section}:ReportInterval and LoadTimeout must be positive.")
            .Validate(o => o.SilentAfter > o.ReportInterval, $"{MunitOptions.Section}:SilentAfter must be longer than ReportInterval.")
            .Validate(o => o.ReportTimeout > TimeSpan.Zero && o.ReportTimeout < o.SilentAfter, $"{MunitOptions.Section}:ReportTimeout must be positive and shorter than SilentAfter.")
            .ValidateOnStart();
        if (!configuration.GetSection(JanusOptions.Section).GetValue<bool>(nameof(JanusOptions.Enabled)))
        {
            services.TryAddSingleton<IMediaEngine, ClusterMediaEngine>();
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new JanusUnit(sp.GetRequiredService<IOptions<JanusOptions>>().Value, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JanusMediaEngine>();
        services.Replace(ServiceDescriptor.Singleton<IMediaEngine>(sp => sp.GetRequiredService<JanusMediaEngine>()));
        services.AddSingleton<MunitRegulator>();
        services.AddHostedService(sp => sp.GetRequiredService<MunitRegulator>());
        return services;
    }
}
