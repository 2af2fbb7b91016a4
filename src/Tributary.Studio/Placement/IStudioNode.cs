namespace Tributary.Studio.Placement;

/// <summary>
/// A studio node as the cluster calls it: an Orleans observer each <c>studio</c> node creates on its own silo and
/// hands out through its reports to <see cref="IStudioRegistryGrain"/>, so a call lands in the process that runs the
/// studio's pipeline. Scene, logo, destinations and stream keys are read from the database by the node itself.
/// </summary>
public interface IStudioNode : IGrainObserver
{
    /// <summary>
    /// Runs a studio here. <paramref name="movedFrom"/> null: goLive (claims a studio that is not live);
    /// otherwise a re-placement (claims a live studio still recorded on that node; "" for no node).
    /// </summary>
    Task<StudioStart> StartAsync(string studioId, string? movedFrom);

    /// <summary>Re-reads the stored scene and logo and applies them (nothing when the studio does not run here).</summary>
    Task SceneChangedAsync(string studioId);

    /// <summary>Starts pushing to a stored destination (its key opened here).</summary>
    Task DestinationAddedAsync(string studioId, string destinationId);

    /// <summary>Stops pushing to a removed destination.</summary>
    Task DestinationRemovedAsync(string studioId, string destinationId);

    /// <summary>Stops the studio's pipeline here; false when it did not run here.</summary>
    Task<bool> StopAsync(string studioId);

    /// <summary>The live studio's status, or null when it does not run here.</summary>
    Task<StudioLiveStatus?> StatusAsync(string studioId);
}
