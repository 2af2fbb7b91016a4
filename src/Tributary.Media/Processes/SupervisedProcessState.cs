namespace Tributary.Media.Processes;

/// <summary>Where a <see cref="SupervisedProcess"/> is in its life.</summary>
public enum SupervisedProcessState
{
    /// <summary>Not started yet.</summary>
    Created,
    /// <summary>A process runs and has not passed a health probe yet.</summary>
    Starting,
    /// <summary>A process runs and its last probes answered.</summary>
    Healthy,
    /// <summary>The process ended; waiting out the back-off before the next start.</summary>
    Restarting,
    /// <summary>Stop was asked; the process is being terminated.</summary>
    Stopping,
    /// <summary>Stopped for good.</summary>
    Stopped,
}
