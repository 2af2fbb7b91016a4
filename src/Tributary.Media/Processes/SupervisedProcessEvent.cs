namespace Tributary.Media.Processes;

/// <summary>One event of a <see cref="SupervisedProcess"/>, raised through <see cref="SupervisedProcess.Changed"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Generation">Which start this is about (1 for the first process, 2 after the first restart, …).</param>
/// <param name="ProcessId">The operating-system process id, when a process exists.</param>
/// <param name="ExitCode">The exit code, for <see cref="SupervisedProcessEventKind.Exited"/>.</param>
/// <param name="RestartDelay">The back-off, for <see cref="SupervisedProcessEventKind.RestartScheduled"/>.</param>
/// <param name="Misses">Consecutive missed probes, for <see cref="SupervisedProcessEventKind.ProbeMissed"/> and <see cref="SupervisedProcessEventKind.Unhealthy"/>.</param>
/// <param name="Killed">For <see cref="SupervisedProcessEventKind.Exited"/>: true when SIGTERM was not enough and SIGKILL ended it.</param>
public sealed record SupervisedProcessEvent(
    SupervisedProcessEventKind Kind,
    int Generation,
    int? ProcessId = null,
    int? ExitCode = null,
    TimeSpan? RestartDelay = null,
    int Misses = 0,
    bool Killed = false);
