using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Fleet.Scaling;

namespace Tributary.Fleet;

/// <summary>Registers the fleet core (options, autoscaler). Not called by <c>TributaryApp</c> yet (docs/fleet.md).</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>Binds and validates section <c>Fleet</c> (at start) and registers the <see cref="Autoscaler"/>.</summary>
    public static IServiceCollection AddTributaryFleet(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FleetOptions>()
            .Bind(configuration.GetSection(FleetOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new Autoscaler(
            sp.GetRequiredService<IOptions<FleetOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<Autoscaler>>()));
        return services;
    }
}
