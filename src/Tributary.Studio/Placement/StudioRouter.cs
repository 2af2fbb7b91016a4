using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Api.Errors;
using Tributary.Studio.Storage;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Placement;

/// <summary>
/// The api side of placement: goLive asks the studio registry for the least-loaded studio node and has it run the
/// studio; the other operations reach the node recorded in <c>studios.node_id</c>. A node that does not answer is
/// treated as not running the studio (it is re-placed once its silence makes it dead).
/// </summary>
public sealed class StudioRouter(IGrainFactory grains, StudioStore store, IOptions<StudioOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private const int PlacementAttempts = 3;
    private readonly ILogger _logger = loggers.CreateLogger("Tributary.Studio.Placement");

    private IStudioRegistryGrain Registry => grains.GetGrain<IStudioRegistryGrain>(IStudioRegistryGrain.Key);

    private TimeSpan CallTimeout => options.Value.NodeDeadAfter;

    /// <summary>
    /// Places and starts a studio that is not live: STUDIO_CAPACITY when no studio node has room (nothing started),
    /// NOT_FOUND when it was deleted meanwhile. A studio recorded live is returned as it is.
    /// </summary>
    public async Task<Outcome<StudioRecord>> GoLiveAsync(StudioRecord studio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        if (studio.LiveSince is not null)
        {
            return Outcome<StudioRecord>.Ok(studio);
        }

        string? refused = null;
        for (var attempt = 0; attempt < PlacementAttempts; attempt++)
        {
            var placement = await Registry.PlaceAsync(studio.Id, refused).ConfigureAwait(false);
            if (placement is null)
            {
                break;
            }

            // No timeout of our own: starting runs processes and may take seconds on a loaded node (Orleans' response
            // timeout bounds it).
            switch (await placement.Node.StartAsync(studio.Id, null).WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                case StudioStart.Started:
                case StudioStart.AlreadyLive:
                    return Outcome<StudioRecord>.Ok(await store.GetAsync(studio.Id, cancellationToken).ConfigureAwait(false) ?? studio);
                case StudioStart.Gone:
                    return ApiError.NotFound("No studio has this id.");
                default:
                    // Full since its last report: ask for another node.
                    refused = placement.NodeId;
                    break;
            }
        }

        return new ApiError(ErrorCodes.StudioCapacity, $"Every studio node already runs its {options.Value.MaxLiveStudios} live studios (or none is up); nothing was started. Try again later.");
    }

    /// <summary>Stops the studio's pipeline on its node (if that node answers).</summary>
    public Task StopAsync(StudioRecord studio) => OnNodeAsync(studio, node => node.StopAsync(studio.Id));

    /// <summary>Has the studio's node apply the stored scene.</summary>
    public Task SceneChangedAsync(StudioRecord studio) => OnNodeAsync(studio, node => node.SceneChangedAsync(studio.Id));

    /// <summary>Has the studio's node start pushing to a new destination.</summary>
    public Task DestinationAddedAsync(StudioRecord studio, string destinationId) => OnNodeAsync(studio, node => node.DestinationAddedAsync(studio.Id, destinationId));

    /// <summary>Has the studio's node stop pushing to a removed destination.</summary>
    public Task DestinationRemovedAsync(StudioRecord studio, string destinationId) => OnNodeAsync(studio, node => node.DestinationRemovedAsync(studio.Id, destinationId));

    /// <summary>
    /// The live status of a studio from the node recorded as running it, once per GraphQL request (cached in
    /// <paramref name="requestCache"/>); null when it is not live or its node does not answer.
    /// </summary>
    public Task<StudioLiveStatus?> StatusAsync(StudioRecord studio, IDictionary<string, object?> requestCache)
    {
        ArgumentNullException.ThrowIfNull(studio);
        return Cached(studio.Id, requestCache, () => FetchStatusAsync(studio.Id, studio.LiveSince is null ? null : studio.NodeId));
    }

    /// <summary>As <see cref="StatusAsync(StudioRecord, IDictionary{string, object?})"/>, reading the studio's node from the database.</summary>
    public Task<StudioLiveStatus?> StatusAsync(string studioId, IDictionary<string, object?> requestCache) =>
        Cached(studioId, requestCache, async () => await FetchStatusAsync(studioId, (await store.GetAsync(studioId).ConfigureAwait(false))?.NodeId).ConfigureAwait(false));

    private static Task<StudioLiveStatus?> Cached(string studioId, IDictionary<string, object?> requestCache, Func<Task<StudioLiveStatus?>> fetch)
    {
        ArgumentNullException.ThrowIfNull(requestCache);
        var key = "studio-status:" + studioId;
        lock (requestCache)
        {
            if (requestCache.TryGetValue(key, out var cached) && cached is Task<StudioLiveStatus?> known)
            {
                return known;
            }

            var status = fetch();
            requestCache[key] = status;
            return status;
        }
    }

    private async Task<StudioLiveStatus?> FetchStatusAsync(string studioId, string? nodeId)
    {
        if (nodeId is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            var node = await Registry.NodeAsync(nodeId).WaitAsync(CallTimeout, time).ConfigureAwait(false);
            return node is null ? null : await node.StatusAsync(studioId).WaitAsync(CallTimeout, time).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            PlacementLog.NodeUnreachable(_logger, studioId, nodeId, e);
            return null;
        }
    }

    private async Task OnNodeAsync(StudioRecord studio, Func<IStudioNode, Task> call)
    {
        ArgumentNullException.ThrowIfNull(studio);
        if (studio.NodeId is not { Length: > 0 } nodeId)
        {
            return;
        }

        try
        {
            if (await Registry.NodeAsync(nodeId).WaitAsync(CallTimeout, time).ConfigureAwait(false) is { } node)
            {
                await call(node).WaitAsync(CallTimeout, time).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            PlacementLog.NodeUnreachable(_logger, studio.Id, nodeId, e);
        }
    }
}
