namespace Tributary.Fleet.Registry;

/// <summary>What an administrator or the autoscaler decided for a munit (persisted); liveness may still make it dead.</summary>
public enum MunitLifecycle
{
    /// <summary>Takes new stations.</summary>
    Active,
    /// <summary>Takes no new stations; the ones it holds run until they end (Drain).</summary>
    Draining,
    /// <summary>Out of service (Stop): its stations were re-placed elsewhere; it takes nothing until Revive.</summary>
    Stopped,
}
