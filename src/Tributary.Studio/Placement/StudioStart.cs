namespace Tributary.Studio.Placement;

/// <summary>What a studio node answered when asked to run a studio.</summary>
[GenerateSerializer]
public enum StudioStart
{
    /// <summary>The node claimed the studio in the database and its pipeline runs there now.</summary>
    Started,
    /// <summary>The studio already runs (on this node, or another node claimed it first): nothing was started.</summary>
    AlreadyLive,
    /// <summary>The node already runs <see cref="StudioOptions.MaxLiveStudios"/>: nothing was started.</summary>
    NoCapacity,
    /// <summary>The studio no longer exists, or (re-placement) it is no longer live on the node it was taken from.</summary>
    Gone,
}
