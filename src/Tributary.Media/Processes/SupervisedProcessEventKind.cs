namespace Tributary.Media.Processes;

/// <summary>What happened to a supervised process.</summary>
public enum SupervisedProcessEventKind
{
    /// <summary>A process was started (<see cref="SupervisedProcessEvent.ProcessId"/> is set).</summary>
    Started,
    /// <summary>The program could not be started at all (missing file, no permission).</summary>
    StartFailed,
    /// <summary>A probe answered after start or after misses.</summary>
    Healthy,
    /// <summary>A probe did not answer (<see cref="SupervisedProcessEvent.Misses"/> in a row).</summary>
    ProbeMissed,
    /// <summary>Too many misses (or no answer within the start-up time): the process is being stopped to restart it.</summary>
    Unhealthy,
    /// <summary>The process ended (<see cref="SupervisedProcessEvent.ExitCode"/> is set).</summary>
    Exited,
    /// <summary>The next start is due after <see cref="SupervisedProcessEvent.RestartDelay"/>.</summary>
    RestartScheduled,
    /// <summary>The supervisor stopped for good.</summary>
    Stopped,
}
