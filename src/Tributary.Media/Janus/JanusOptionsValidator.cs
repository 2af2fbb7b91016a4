using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Tributary.Media.Janus;

/// <summary>Checks what data annotations cannot: the port range, addresses and the nested process options.</summary>
public sealed class JanusOptionsValidator : IValidateOptions<JanusOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JanusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var range = options.RtpPortRange?.Split('-') ?? [];
        if (range.Length != 2
            || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            || min < 1 || max > 65535 || min > max)
        {
            failures.Add($"{JanusOptions.Section}:RtpPortRange '{options.RtpPortRange}' is not 'min-max' with 1 <= min <= max <= 65535.");
        }

        if (options.Interface is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
        {
            failures.Add($"{JanusOptions.Section}:Interface '{address}' is not an IP address.");
        }

        foreach (var mapped in (options.NatOneToOneMapping ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(mapped, out _))
            {
                failures.Add($"{JanusOptions.Section}:NatOneToOneMapping '{mapped}' is not an IP address.");
            }
        }

        if (options.HttpPort != 0 && options.HttpPort == options.AdminPort)
        {
            failures.Add($"{JanusOptions.Section}:HttpPort and AdminPort are both {options.HttpPort}.");
        }

        if (options.KeepAliveInterval >= TimeSpan.FromSeconds(options.SessionTimeoutSeconds))
        {
            failures.Add($"{JanusOptions.Section}:KeepAliveInterval ({options.KeepAliveInterval}) must be shorter than SessionTimeoutSeconds ({options.SessionTimeoutSeconds}).");
        }

        if (options.AutoMiddleLayerQuality > options.AutoTopLayerQuality)
        {
            failures.Add($"{JanusOptions.Section}:AutoMiddleLayerQuality ({options.AutoMiddleLayerQuality}) must not exceed AutoTopLayerQuality ({options.AutoTopLayerQuality}).");
        }

        try
        {
            options.Process.Validate();
        }
        catch (System.ComponentModel.DataAnnotations.ValidationException e)
        {
            failures.Add($"{JanusOptions.Section}:Process: {e.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
