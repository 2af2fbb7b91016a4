namespace Tributary.Media.Processes;

/// <summary>
/// Exponential restart wait: doubles after each short run, capped, and back to the initial wait after a
/// run of at least <see cref="SupervisedProcessOptions.StableRunTime"/>.
/// </summary>
public sealed class RestartBackoff(SupervisedProcessOptions options)
{
    private TimeSpan _next = options.InitialRestartDelay;

    /// <summary>The wait before the next start, given how long the process that just ended ran.</summary>
    public TimeSpan Next(TimeSpan runTime)
    {
        if (runTime >= options.StableRunTime)
        {
            _next = options.InitialRestartDelay;
        }

        var delay = _next;
        var doubled = _next == TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : _next * 2;
        _next = doubled > options.MaxRestartDelay ? options.MaxRestartDelay : doubled;
        return delay;
    }
}
