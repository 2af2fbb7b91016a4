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
    /// engine stays <see cref="UnavailableMediaEngine"/> (every test host runs all roles and must not start a Janus).
    /// </summary>
    public static IServiceCollection AddTributaryMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JanusOptions>()
            .Bind(configuration.GetSection(JanusOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JanusOptions>, JanusOptionsValidator>());
        if (!configuration.GetSection(JanusOptions.Section).GetValue<bool>(nameof(JanusOptions.Enabled)))
        {
            services.TryAddSingleton<IMediaEngine, UnavailableMediaEngine>();
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new JanusUnit(sp.GetRequiredService<IOptions<JanusOptions>>().Value, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JanusMediaEngine>();
        services.Replace(ServiceDescriptor.Singleton<IMediaEngine>(sp => sp.GetRequiredService<JanusMediaEngine>()));
        services.AddHostedService<MunitService>();
        return services;
    }
}
