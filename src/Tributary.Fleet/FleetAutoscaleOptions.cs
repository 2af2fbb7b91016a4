namespace Tributary.Fleet;

/// <summary>Section <c>Fleet:Autoscale</c>: whether the control role starts and stops munits itself, and through what.</summary>
public sealed class FleetAutoscaleOptions
{
    /// <summary>
    /// Run the <see cref="Scaling.Autoscaler"/> in the control role. Default false: <c>scripts/run</c> and most
    /// deployments start their munits themselves (a fixed set, or Kubernetes), and an autoscaler starting Janus
    /// processes on a laptop would surprise.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The provider that starts and stops munits: <c>process</c> (local <c>tributary serve --roles media</c> processes,
    /// section <c>Fleet:Process</c>) or <c>kubernetes</c> (scales the media StatefulSet, section <c>Fleet:Kubernetes</c>).
    /// Default <c>process</c>.
    /// </summary>
    public string Provider { get; set; } = "process";
}
