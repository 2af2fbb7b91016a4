using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Fleet.Control;
using Tributary.Fleet.Providers;
using Tributary.Fleet.Scaling;

namespace Tributary.Fleet;

/// <summary>Wires the fleet: its options and the registry's dependencies on every node, the control loop in the control role.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates section <c>Fleet</c> (at start) and registers what the munit registry grain needs (it may
    /// activate on any silo) and the <see cref="Autoscaler"/>. With <paramref name="control"/> (the <c>control</c>
    /// role) also the <see cref="FleetController"/> loop and, with <c>Fleet:Autoscale:Enabled</c>, the provider.
    /// </summary>
    public static IServiceCollection AddTributaryFleet(this IServiceCollection services, IConfiguration configuration, bool control = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FleetOptions>()
            .Bind(configuration.GetSection(FleetOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<FleetMetrics>();
        services.TryAddSingleton(sp => new FleetClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new Autoscaler(
            sp.GetRequiredService<IOptions<FleetOptions>>().Value,
            sp.GetRequiredService<FleetClock>().Time,
            sp.GetService<ILogger<Autoscaler>>(),
            sp.GetService<IMunitProvider>()?.ScaleInOrder));
        if (!control)
        {
            return services;
        }

        var autoscale = configuration.GetSection(FleetOptions.Section).GetSection("Autoscale");
        if (autoscale.GetValue<bool>(nameof(FleetAutoscaleOptions.Enabled)))
        {
            services.TryAddSingleton<IMunitProvider>(sp => string.Equals(autoscale[nameof(FleetAutoscaleOptions.Provider)], "kubernetes", StringComparison.OrdinalIgnoreCase)
                ? new KubernetesMunitProvider(
                    sp.GetRequiredService<IOptions<FleetOptions>>().Value.Kubernetes,
                    sp.GetService<ILogger<KubernetesMunitProvider>>())
                : new ProcessMunitProvider(
                    sp.GetRequiredService<IOptions<FleetOptions>>().Value.Process,
                    sp.GetService<ILogger<ProcessMunitProvider>>()));
        }

        services.AddSingleton(sp => new FleetController(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<FleetOptions>>(),
            sp.GetRequiredService<Autoscaler>(),
            sp.GetRequiredService<FleetMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FleetController>>(),
            sp.GetService<IMunitProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<FleetController>());
        return services;
    }
}
