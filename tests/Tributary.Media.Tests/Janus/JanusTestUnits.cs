using Microsoft.Extensions.Logging;
using Tributary.Media.Janus;
using Tributary.Media.Processes;

namespace Tributary.Media.Tests.Janus;

/// <summary>Starts real Janus processes (Debian's janus) on free loopback ports for tests; always stopped on dispose.</summary>
public static class JanusTestUnits
{
    /// <summary>Options for a test Janus: quiet log, fast probes, a private RTP range; <paramref name="configure"/> adjusts.</summary>
    public static JanusOptions Options(Action<JanusOptions>? configure = null)
    {
        var options = new JanusOptions
        {
            Enabled = true,
            DebugLevel = 3,
            RtpPortRange = "42000-42999",
            Process = new SupervisedProcessOptions
            {
                InitialRestartDelay = TimeSpan.FromMilliseconds(100),
                MaxRestartDelay = TimeSpan.FromSeconds(2),
                HealthProbeInterval = TimeSpan.FromMilliseconds(250),
                HealthProbeTimeout = TimeSpan.FromMilliseconds(750),
                MaxHealthProbeMisses = 3,
                StartupTimeout = TimeSpan.FromSeconds(60),
                ShutdownGracePeriod = TimeSpan.FromSeconds(2),
            },
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Starts a Janus; the caller disposes it (which stops the process and deletes its folder).</summary>
    public static async Task<JanusUnit> StartAsync(ILoggerFactory logger, Action<JanusOptions>? configure = null)
    {
        Tributary.Testing.Servers.ExternalProcess.Require("/usr/bin/janus", "janus");
        var unit = new JanusUnit(Options(configure), logger);
        try
        {
            await unit.StartAsync();
            return unit;
        }
        catch
        {
            await unit.DisposeAsync();
            throw;
        }
    }
}
