using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tributary.Media.Engine;

namespace Tributary.Media.Munits;

/// <summary>
/// The media engine of a process without its own munit (e.g. <c>--roles edge,api</c>): each room is placed on a
/// munit through <see cref="IMunitRegistryGrain"/> and its signals go to that munit's <see cref="IMunitEngine"/> on
/// the munit's silo. With no munit in the cluster it answers what <see cref="UnavailableMediaEngine"/> answers.
/// </summary>
public sealed partial class ClusterMediaEngine(IGrainFactory grains, ILogger<ClusterMediaEngine> logger) : IMediaEngine
{
    private const string NoMunit = "media plane not available: no munit is configured on this cluster (or none is healthy)";

    // The room's placement, cached per process: rooms are served by one RoomGrain, so one process asks for a room.
    private readonly ConcurrentDictionary<string, MunitPlacement> _placements = new(StringComparer.Ordinal);

    private IMunitRegistryGrain Registry => grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);

    /// <inheritdoc />
    public Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding, CancellationToken cancellationToken = default) =>
        CallAsync(room, "OFFER", e => e.PublishAsync(room, sessionId, offerSdp, restarting, hlsForwarding));

    /// <inheritdoc />
    public Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default) =>
        CallAsync(room, "WATCH", e => e.WatchAsync(room, viewerSessionId, publisherSessionId));

    /// <inheritdoc />
    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default) =>
        CallAsync(room, "ANSWER", e => e.AnswerAsync(room, viewerSessionId, publisherSessionId, answerSdp));

    /// <inheritdoc />
    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default) =>
        CallAsync(room, "ICE", e => e.TrickleAsync(room, sessionId, publisherSessionId, candidate));

    /// <inheritdoc />
    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default) =>
        CallAsync(room, "SIMULCAST_UPDATE", e => e.SetSimulcastLayerAsync(room, viewerSessionId, publisherSessionId, layer));

    /// <inheritdoc />
    public Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video, CancellationToken cancellationToken = default) =>
        CallAsync(room, "UPDATE", e => e.SetSendingAsync(room, sessionId, audio, video));

    /// <inheritdoc />
    public async Task ReleaseSessionAsync(MediaRoom room, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        await CallAsync(room, "RELEASE", async e =>
        {
            await e.ReleaseSessionAsync(room, sessionId).ConfigureAwait(false);
            return MediaOutcome.Ok();
        }, place: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        await CallAsync(room, "CLOSE", async e =>
        {
            await e.CloseRoomAsync(room).ConfigureAwait(false);
            return MediaOutcome.Ok();
        }, place: false).ConfigureAwait(false);
        _placements.TryRemove(room.RoomId, out _);
        await Registry.ForgetRoomAsync(room.RoomId).ConfigureAwait(false);
    }

    private async Task<MediaOutcome> CallAsync(MediaRoom room, string signal, Func<IMunitEngine, Task<MediaOutcome>> call, bool place = true)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (!_placements.TryGetValue(room.RoomId, out var placement))
        {
            placement = place ? await Registry.PlaceRoomAsync(room.RoomId).ConfigureAwait(false) : await Registry.FindRoomAsync(room.RoomId).ConfigureAwait(false);
            if (placement is null)
            {
                // Nothing was ever placed for a release or close: nothing to undo.
                return place ? MediaOutcome.Fail(500, NoMunit) : MediaOutcome.Ok();
            }

            _placements[room.RoomId] = placement;
            Log.Placed(logger, room.RoomId, placement.MunitId);
        }

        try
        {
            return await call(placement.Engine).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The munit's process is gone or cut off: its media for this room is lost. The next signal places the room again.
            _placements.TryRemove(room.RoomId, out _);
            Log.MunitUnreachable(logger, signal, room.RoomId, placement.MunitId, e.Message);
            return MediaOutcome.Fail(500, $"media unit {placement.MunitId} unreachable: {e.Message}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6610, LogLevel.Information, "Room {RoomId} placed on munit {MunitId}")]
        public static partial void Placed(ILogger logger, string roomId, string munitId);

        [LoggerMessage(6611, LogLevel.Warning, "{Signal} for room {RoomId}: munit {MunitId} unreachable ({Reason})")]
        public static partial void MunitUnreachable(ILogger logger, string signal, string roomId, string munitId, string reason);
    }
}
