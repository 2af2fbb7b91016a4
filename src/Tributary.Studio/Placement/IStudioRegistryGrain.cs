namespace Tributary.Studio.Placement;

/// <summary>
/// The cluster's studio nodes and their load (one grain, key <see cref="Key"/>, any silo). State is in memory and
/// rebuilt from the nodes' reports within a second after the grain moves; the database's <c>studios.node_id</c> is
/// the record of where each live studio runs.
/// </summary>
public interface IStudioRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The grain's key.</summary>
    const long Key = 0;

    /// <summary>A node's periodic report; answers which nodes are alive.</summary>
    Task<StudioClusterView> ReportAsync(StudioNodeReport report);

    /// <summary>A node shutting down: it is dead at once (its studios are re-placed at the next sweep).</summary>
    Task LeaveAsync(string nodeId);

    /// <summary>
    /// The least-loaded live node with free capacity — load being the share of its studio slots in use plus its
    /// machine's CPU busy share (ties: fewer studios, then node id) — reserving a slot there for
    /// <paramref name="studioId"/> until the node reports it; null when no live node has room.
    /// <paramref name="excludeNodeId"/> is never chosen.
    /// </summary>
    Task<StudioPlacement?> PlaceAsync(string studioId, string? excludeNodeId);

    /// <summary>A live node's reference, or null when the node is dead or unknown.</summary>
    Task<IStudioNode?> NodeAsync(string nodeId);

    /// <summary>The live nodes and their load.</summary>
    Task<IReadOnlyList<StudioNodeLoad>> LoadsAsync();
}
