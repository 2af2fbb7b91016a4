using Microsoft.Extensions.Options;

namespace Tributary.Fleet;

/// <summary>The rules of <see cref="FleetOptions"/> that span several settings; each failure names the setting.</summary>
public sealed class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!(options.ScaleInBelow < options.TargetUtilisation && options.TargetUtilisation < options.ScaleOutAbove))
        {
            failures.Add($"{FleetOptions.Section}: ScaleInBelow ({options.ScaleInBelow}) < TargetUtilisation ({options.TargetUtilisation}) < ScaleOutAbove ({options.ScaleOutAbove}) must hold.");
        }

        if (options.MinMunits > options.MaxMunits)
        {
            failures.Add($"{FleetOptions.Section}: MinMunits ({options.MinMunits}) must not exceed MaxMunits ({options.MaxMunits}).");
        }

        if (options.StationBitrate > options.MaxBitrate || options.DownlinkBitrate > options.MaxBitrate)
        {
            failures.Add($"{FleetOptions.Section}: StationBitrate and DownlinkBitrate must not exceed MaxBitrate ({options.MaxBitrate}).");
        }

        if (options.Autoscale.Provider?.ToLowerInvariant() is not ("process" or "kubernetes"))
        {
            failures.Add($"{FleetOptions.Section}:Autoscale:Provider '{options.Autoscale.Provider}' is not one of: process, kubernetes.");
        }

        if (string.IsNullOrWhiteSpace(options.Kubernetes.StatefulSet) || options.Kubernetes.MaxReplicas < 1)
        {
            failures.Add($"{FleetOptions.Section}:Kubernetes: StatefulSet is required and MaxReplicas must be at least 1.");
        }

        failures.AddRange(options.Process.Problems().Select(p => $"{FleetOptions.Section}:Process: {p}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
