using Orleans.Hosting;

namespace Tributary.Media.Munits;

/// <summary>
/// The grain directory of the grains that carry a media recovery in memory: the fleet's munit registry (where
/// every station is, the RESTARTs not yet sent) and the room grain (the gateway relays its messages go through).
/// It is Orleans' distributed grain directory under its own name instead of the default directory. With the default
/// directory a silo that leaves — a media node stopped or <c>kill -9</c>ed — takes its directory partition along, and
/// Orleans deactivates every activation whose registration lived there, wherever it runs: a third of the time that
/// was the registry on the control node or the room on the edge node, whose in-memory state was then lost with a
/// munit that had nothing to do with them (no RESTART reached the clients). The distributed directory hands its
/// ranges over and recovers them from the silos' live activations, so these grains stay where they are.
/// </summary>
public static class RecoveryGrainDirectory
{
    /// <summary>The directory's name (<c>[GrainDirectory(GrainDirectoryName = Name)]</c>).</summary>
    public const string Name = "tributary-recovery";

    /// <summary>Registers the directory on a silo; every silo of the cluster must call it.</summary>
    public static ISiloBuilder AddRecoveryGrainDirectory(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10; used for the two grain types above only.
        return silo.AddDistributedGrainDirectory(Name);
#pragma warning restore ORLEANSEXP003
    }
}
