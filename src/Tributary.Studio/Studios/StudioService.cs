using Microsoft.Extensions.Options;
using Tributary.Api.Errors;
using Tributary.Data.AppRooms;
using Tributary.Rooms;
using Tributary.Studio.Destinations;
using Tributary.Studio.Placement;
using Tributary.Studio.Scenes;
using Tributary.Studio.Storage;

namespace Tributary.Studio.Studios;

/// <summary>
/// The studio operations behind the GraphQL area. Every check runs before anything is written or started, so
/// a refused call changes nothing.
/// </summary>
public sealed class StudioService(
    StudioStore store,
    StudioRouter router,
    StudioEvents events,
    LogoFetcher logos,
    IOptions<StudioOptions> options)
{
    /// <summary>createStudio: the room's owner only; the room must be open and not a P2P call.</summary>
    public async Task<Outcome<StudioRecord>> CreateAsync(string callerId, AppRoom room, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (room.OwnerId != callerId)
        {
            return ApiError.Forbidden("Only the room's owner creates its studio.");
        }

        if (room.EndedAt is not null)
        {
            return ApiError.BadInput("roomId", "The room has ended.");
        }

        if (room.Kind == RoomKind.P2p)
        {
            return ApiError.BadInput("roomId", "A P2P call has no media server to compose from.");
        }

        return Outcome<StudioRecord>.Ok(await store.CreateAsync(room.Id, callerId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The studio if <paramref name="callerId"/> owns it: NOT_FOUND for an unknown id, FORBIDDEN for another user's.</summary>
    public async Task<Outcome<StudioRecord>> OwnedAsync(string callerId, string studioId, CancellationToken cancellationToken)
    {
        var studio = await store.GetAsync(studioId, cancellationToken).ConfigureAwait(false);
        if (studio is null)
        {
            return ApiError.NotFound("No studio has this id.");
        }

        return studio.OwnerId == callerId ? Outcome<StudioRecord>.Ok(studio) : ApiError.Forbidden("Only the studio's owner may see or drive it.");
    }

    /// <summary>setScene: validates, fetches the logo once (when given), stores, and applies it to a live program.</summary>
    public async Task<Outcome<StudioRecord>> SetSceneAsync(StudioRecord studio, StudioScene scene, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(scene);
        if (SceneRules.Check(scene) is { } bad)
        {
            return bad;
        }

        byte[]? logo = null;
        if (scene.LogoUrl is { Length: > 0 } logoUrl)
        {
            var fetched = await logos.FetchAsync(logoUrl, cancellationToken).ConfigureAwait(false);
            if (fetched.Error is { } error)
            {
                return error;
            }

            logo = fetched.Value;
        }

        await store.SetSceneAsync(studio.Id, scene, logo, cancellationToken).ConfigureAwait(false);
        await router.SceneChangedAsync(studio).ConfigureAwait(false);
        await events.PublishAsync(StudioEventKinds.SceneChanged, studio.Id).ConfigureAwait(false);
        return Outcome<StudioRecord>.Ok(studio with { Scene = scene });
    }

    /// <summary>addDestination: validates URL and key, seals the key, and starts pushing when live.</summary>
    public async Task<Outcome<StudioDestination>> AddDestinationAsync(StudioRecord studio, DestinationKind kind, string? url, string? streamKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        if (DestinationRules.CheckUrl(url, options.Value.AllowPrivateAddresses) is { } badUrl)
        {
            return badUrl;
        }

        if (DestinationRules.CheckStreamKey(streamKey) is { } badKey)
        {
            return badKey;
        }

        var existing = await store.DestinationsAsync(studio.Id, cancellationToken).ConfigureAwait(false);
        if (existing.Count >= options.Value.MaxDestinations)
        {
            return ApiError.BadInput("studioId", $"A studio has at most {options.Value.MaxDestinations} destinations.");
        }

        var destination = await store.AddDestinationAsync(studio.Id, kind, url!, streamKey!, cancellationToken).ConfigureAwait(false);
        await router.DestinationAddedAsync(studio, destination.Id).ConfigureAwait(false);
        return Outcome<StudioDestination>.Ok(destination);
    }

    /// <summary>removeDestination: stops its push when live; NOT_FOUND when the studio has no such destination.</summary>
    public async Task<Outcome<bool>> RemoveDestinationAsync(StudioRecord studio, string destinationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        if (!await store.RemoveDestinationAsync(studio.Id, destinationId, cancellationToken).ConfigureAwait(false))
        {
            return ApiError.NotFound("The studio has no destination with this id.");
        }

        await router.DestinationRemovedAsync(studio, destinationId).ConfigureAwait(false);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>
    /// goLive: runs the pipeline on the least-loaded studio node (see <see cref="StudioRouter"/>); a studio already live
    /// is returned as is; STUDIO_CAPACITY when no studio node has room, and then nothing is started.
    /// </summary>
    public Task<Outcome<StudioRecord>> GoLiveAsync(StudioRecord studio, CancellationToken cancellationToken) => router.GoLiveAsync(studio, cancellationToken);

    /// <summary>endLive: stops the pipeline (idempotent) and writes studio.ended once.</summary>
    public async Task<StudioRecord> EndLiveAsync(StudioRecord studio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        await router.StopAsync(studio).ConfigureAwait(false);
        if (await store.SetEndedAsync(studio, "endLive", cancellationToken).ConfigureAwait(false))
        {
            await events.PublishAsync(StudioEventKinds.Ended, studio.Id).ConfigureAwait(false);
        }

        return studio with { LiveSince = null, NodeId = null };
    }
}
