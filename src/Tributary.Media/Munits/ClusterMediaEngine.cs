using Microsoft.Extensions.Logging;
using Tributary.Media.Engine;

namespace Tributary.Media.Munits;

/// <summary>
/// The media engine of a process without its own munit (e.g. <c>--roles edge,api</c>): each publisher's station is
/// placed on a munit by <see cref="IMunitRegistryGrain"/> (least-loaded active munit, room affinity); a viewer's
/// downlink, ANSWER and SIMULCAST_UPDATE go to the watched publisher's munit; the calls reach that munit's
/// <see cref="IMunitEngine"/> on its silo. Nothing is cached here: the registry re-places stations when a munit
/// dies, so every signal asks it (one in-memory look-up in the registry grain). With no usable munit it answers
/// what <see cref="UnavailableMediaEngine"/> answers.
/// </summary>
public sealed partial class ClusterMediaEngine(IGrainFactory grains, ILogger<ClusterMediaEngine> logger) : IMediaEngine
{
    private const string NoMunit = "media plane not available: no active munit has room (or none is configured on this cluster)";

    private IMunitRegistryGrain Registry => grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);

    /// <inheritdoc />
    public async Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var placement = await Registry.PlaceStationAsync(room.RoomId, sessionId).ConfigureAwait(false);
        if (placement is null)
        {
            return MediaOutcome.Fail(500, NoMunit);
        }

        Log.Placed(logger, room.RoomId, sessionId, placement.MunitId);
        return await CallAsync(room, "OFFER", placement, e => e.PublishAsync(room, sessionId, offerSdp, restarting, hlsForwarding)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default) =>
        AtStationAsync(room, "WATCH", publisherSessionId, e => e.WatchAsync(room, viewerSessionId, publisherSessionId));

    /// <inheritdoc />
    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default) =>
        AtStationAsync(room, "ANSWER", publisherSessionId, e => e.AnswerAsync(room, viewerSessionId, publisherSessionId, answerSdp));

    /// <inheritdoc />
    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default) =>
        AtStationAsync(room, "ICE", publisherSessionId ?? sessionId, e => e.TrickleAsync(room, sessionId, publisherSessionId, candidate));

    /// <inheritdoc />
    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default) =>
        AtStationAsync(room, "SIMULCAST_UPDATE", publisherSessionId, e => e.SetSimulcastLayerAsync(room, viewerSessionId, publisherSessionId, layer));

    /// <inheritdoc />
    public async Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var placement = await Registry.FindStationAsync(room.RoomId, sessionId).ConfigureAwait(false);

        // No station: nothing is relayed, so there is nothing to stop relaying.
        return placement is null
            ? MediaOutcome.Ok()
            : await CallAsync(room, "UPDATE", placement, e => e.SetSendingAsync(room, sessionId, audio, video)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ReleaseSessionAsync(MediaRoom room, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);

        // The session's station sits on one munit, its downlinks on the munits of the publishers it watched: every
        // munit of the room releases what it holds of the session.
        foreach (var placement in await Registry.RoomMunitsAsync(room.RoomId).ConfigureAwait(false))
        {
            await CallAsync(room, "RELEASE", placement, async e =>
            {
                await e.ReleaseSessionAsync(room, sessionId).ConfigureAwait(false);
                return MediaOutcome.Ok();
            }).ConfigureAwait(false);
        }

        await Registry.ReleaseStationAsync(room.RoomId, sessionId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        foreach (var placement in await Registry.RoomMunitsAsync(room.RoomId).ConfigureAwait(false))
        {
            await CallAsync(room, "CLOSE", placement, async e =>
            {
                await e.CloseRoomAsync(room).ConfigureAwait(false);
                return MediaOutcome.Ok();
            }).ConfigureAwait(false);
        }

        await Registry.ForgetRoomAsync(room.RoomId).ConfigureAwait(false);
    }

    private async Task<MediaOutcome> AtStationAsync(MediaRoom room, string signal, string stationSessionId, Func<IMunitEngine, Task<MediaOutcome>> call)
    {
        ArgumentNullException.ThrowIfNull(room);
        var placement = await Registry.FindStationAsync(room.RoomId, stationSessionId).ConfigureAwait(false);
        if (placement is not null)
        {
            return await CallAsync(room, signal, placement, call).ConfigureAwait(false);
        }

        return await Registry.AnyActiveAsync().ConfigureAwait(false)
            ? MediaOutcome.Fail(4024, "the publisher's stream is not on any media unit (not published yet, or being re-placed: wait for its OFFER)")
            : MediaOutcome.Fail(500, NoMunit);
    }

    private async Task<MediaOutcome> CallAsync(MediaRoom room, string signal, MunitPlacement placement, Func<IMunitEngine, Task<MediaOutcome>> call)
    {
        try
        {
            return await call(placement.Engine).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The munit's process is gone or cut off: the registry declares it dead once its reports stop and
            // re-places its stations (RESTART to the room's sessions).
            Log.MunitUnreachable(logger, signal, room.RoomId, placement.MunitId, e.Message);
            return MediaOutcome.Fail(500, $"media unit {placement.MunitId} unreachable: {e.Message}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6610, LogLevel.Debug, "Room {RoomId}: station of {SessionId} on munit {MunitId}")]
        public static partial void Placed(ILogger logger, string roomId, string sessionId, string munitId);

        [LoggerMessage(6611, LogLevel.Warning, "{Signal} for room {RoomId}: munit {MunitId} unreachable ({Reason})")]
        public static partial void MunitUnreachable(ILogger logger, string signal, string roomId, string munitId, string reason);
    }
}
