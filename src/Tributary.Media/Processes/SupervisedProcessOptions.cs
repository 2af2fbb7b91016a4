using System.ComponentModel.DataAnnotations;

namespace Tributary.Media.Processes;

/// <summary>How a <see cref="SupervisedProcess"/> restarts, probes and stops its process.</summary>
public sealed class SupervisedProcessOptions
{
    /// <summary>
    /// Wait before the first restart after a crash. Default 1 s: Janus comes back in about 200 ms, so a
    /// short first wait keeps an outage short, and doubling quickly stops a crash loop from burning a core.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan InitialRestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the doubling restart wait. Default 30 s: a broken install retries twice a minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A run at least this long counts as stable and resets the restart wait to <see cref="InitialRestartDelay"/>.
    /// Default 60 s: longer than any start-up, short enough that a crash next hour restarts at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StableRunTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time between health probes. Default 1 s (the media issue asks for a check every second).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time between probes while a fresh process has not answered yet. Default 100 ms: Janus answers about
    /// 200 ms after start, and waiting a whole <see cref="HealthProbeInterval"/> would slow every start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan StartupProbeInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A probe that has not answered after this long counts as a miss. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Consecutive missed probes after which the process is stopped and restarted. Default 3: one lost probe
    /// on a busy machine is not an outage, three seconds without an answer is.
    /// </summary>
    [Range(1, 1000)]
    public int MaxHealthProbeMisses { get; set; } = 3;

    /// <summary>
    /// How long a fresh process may take to pass its first probe; misses before that do not count. Default 30 s
    /// (Janus makes its DTLS certificate at each start, which is slow on a loaded machine).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between SIGTERM and SIGKILL when stopping. Default 5 s: Janus hangs up its peers within a second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The process gets SIGKILL when this process ends, however it ends (<c>kill -9</c> included), through
    /// <see cref="ParentBoundLauncher"/> (<c>setpriv --pdeathsig KILL</c>). Default true: a Janus outliving its
    /// regulator keeps its ports and keeps sending media nobody manages. Without <c>setpriv</c> it has no effect.
    /// </summary>
    public bool DieWithParent { get; set; } = true;

    /// <summary>Lines of output kept for error messages (<see cref="SupervisedProcess.RecentOutput"/>). Default 100.</summary>
    [Range(0, 100_000)]
    public int RecentOutputLines { get; set; } = 100;

    /// <summary>Throws <see cref="ValidationException"/> when a value is out of range.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (MaxRestartDelay < InitialRestartDelay)
        {
            throw new ValidationException($"{nameof(MaxRestartDelay)} ({MaxRestartDelay}) is shorter than {nameof(InitialRestartDelay)} ({InitialRestartDelay}).");
        }
    }
}
