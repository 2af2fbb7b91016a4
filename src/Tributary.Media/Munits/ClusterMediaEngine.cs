using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Tributary.Media.Cascading;
using Tributary.Media.Engine;

namespace Tributary.Media.Munits;

/// <summary>
/// The media engine of a process without its own munit (e.g. <c>--roles edge,api</c>): each publisher's station is
/// placed on a munit by <see cref="IMunitRegistryGrain"/> (least-loaded active munit, room affinity); a viewer's
/// downlink goes where the registry places it — the publisher's munit while it has room, else another munit that
/// receives a forward of the publisher (cascading: set up here, once per publisher and target, with the origin's
/// <c>publish_remotely</c> and the target's <c>add_remote_publisher</c>, and torn down with its last viewer) — and
/// the downlink's ANSWER, ICE and SIMULCAST_UPDATE follow it there; the calls reach that munit's
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
    public async Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var assignment = await Registry.PlaceDownlinkAsync(room.RoomId, viewerSessionId, publisherSessionId).ConfigureAwait(false);
        await TearDownAsync(room, assignment.Teardowns).ConfigureAwait(false);
        if (assignment.Replaced is { } previous)
        {
            // A re-WATCH moved the downlink: the old subscription goes.
            await CallAsync(room, "RELEASE", previous, async e =>
            {
                await e.ReleaseDownlinkAsync(room, viewerSessionId, publisherSessionId).ConfigureAwait(false);
                return MediaOutcome.Ok();
            }).ConfigureAwait(false);
        }

        if (assignment.Code != 200 || assignment.Munit is not { } munit)
        {
            return MediaOutcome.Fail(assignment.Code, assignment.Message ?? "no media unit for this downlink");
        }

        if (assignment is { IsCascade: true, ForwardReady: false, Origin: { } origin })
        {
            var forwarded = await SetUpForwardAsync(room, publisherSessionId, assignment.ForwardId!, origin, munit).ConfigureAwait(false);
            if (!forwarded.IsSuccess)
            {
                await ForgetDownlinkAsync(room, viewerSessionId, publisherSessionId).ConfigureAwait(false);
                return forwarded;
            }
        }

        Log.DownlinkPlaced(logger, room.RoomId, viewerSessionId, publisherSessionId, munit.MunitId, assignment.ForwardId);
        var outcome = await CallAsync(room, "WATCH", munit, e => e.WatchAsync(room, viewerSessionId, publisherSessionId)).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            await ForgetDownlinkAsync(room, viewerSessionId, publisherSessionId).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <inheritdoc />
    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default) =>
        AtDownlinkAsync(room, "ANSWER", viewerSessionId, publisherSessionId, e => e.AnswerAsync(room, viewerSessionId, publisherSessionId, answerSdp));

    /// <inheritdoc />
    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default) =>
        publisherSessionId is null
            ? AtStationAsync(room, "ICE", sessionId, e => e.TrickleAsync(room, sessionId, publisherSessionId, candidate))
            : AtDownlinkAsync(room, "ICE", sessionId, publisherSessionId, e => e.TrickleAsync(room, sessionId, publisherSessionId, candidate));

    /// <inheritdoc />
    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default) =>
        AtDownlinkAsync(room, "SIMULCAST_UPDATE", viewerSessionId, publisherSessionId, e => e.SetSimulcastLayerAsync(room, viewerSessionId, publisherSessionId, layer));

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

        // The session's station sits on one munit, its downlinks wherever they were placed, its forwards' remote
        // publishers on their targets: every munit of the room releases what it holds of the session; then the
        // forwards that lost their last viewer (this session's, or all of this publisher's) are torn down.
        foreach (var placement in await Registry.RoomMunitsAsync(room.RoomId).ConfigureAwait(false))
        {
            await CallAsync(room, "RELEASE", placement, async e =>
            {
                await e.ReleaseSessionAsync(room, sessionId).ConfigureAwait(false);
                return MediaOutcome.Ok();
            }).ConfigureAwait(false);
        }

        await TearDownAsync(room, await Registry.ReleaseDownlinksAsync(room.RoomId, sessionId).ConfigureAwait(false)).ConfigureAwait(false);
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

    /// <summary>
    /// Sets up a forward of the publisher's station from <paramref name="origin"/> to <paramref name="target"/>: the
    /// origin describes the station's streams, the target opens a remote publisher for them, the origin sends there.
    /// Every step is idempotent for the forward id (two viewers may race to set up the same forward).
    /// </summary>
    private async Task<MediaOutcome> SetUpForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, MunitPlacement origin, MunitPlacement target)
    {
        var described = await StepAsync(room, origin, e => e.DescribeStationAsync(room, publisherSessionId)).ConfigureAwait(false);
        if (described is not { IsSuccess: true, Streams: { } streams })
        {
            return Failed("describing the station", described);
        }

        var opened = await StepAsync(room, target, e => e.OpenForwardAsync(room, publisherSessionId, forwardId, streams)).ConfigureAwait(false);
        if (opened is not { IsSuccess: true, Endpoint: { } endpoint })
        {
            return Failed("opening the forward on the target", opened);
        }

        var started = await CallAsync(room, "FORWARD", origin, e => e.StartForwardAsync(room, publisherSessionId, forwardId, endpoint)).ConfigureAwait(false);
        if (!started.IsSuccess)
        {
            return started;
        }

        await Registry.ConfirmForwardAsync(room.RoomId, publisherSessionId, forwardId).ConfigureAwait(false);
        Log.ForwardSetUp(logger, room.RoomId, publisherSessionId, forwardId, origin.MunitId, target.MunitId, endpoint.Host, endpoint.Port);
        return MediaOutcome.Ok();

        MediaOutcome Failed(string what, ForwardStep step)
        {
            Log.ForwardFailed(logger, room.RoomId, publisherSessionId, origin.MunitId, target.MunitId, what, step.Code, step.Message ?? "");
            return MediaOutcome.Fail(step.Code == 200 ? 500 : step.Code, $"cascading to media unit {target.MunitId} failed ({what}): {step.Message}");
        }
    }

    private async Task<ForwardStep> StepAsync(MediaRoom room, MunitPlacement placement, Func<IMunitEngine, Task<ForwardStep>> call)
    {
        try
        {
            return await call(placement.Engine).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.MunitUnreachable(logger, "FORWARD", room.RoomId, placement.MunitId, e.Message);
            return ForwardStep.Fail(500, $"media unit {placement.MunitId} unreachable: {e.Message}");
        }
    }

    /// <summary>Stops forwards on their origins and removes their remote publishers on their targets (each end that still lives).</summary>
    private async Task TearDownAsync(MediaRoom room, ImmutableArray<ForwardTeardown> teardowns)
    {
        foreach (var forward in teardowns.IsDefault ? [] : teardowns)
        {
            await forward.RunAsync((_, munit, failure) =>
            {
                if (failure is not null)
                {
                    Log.MunitUnreachable(logger, "FORWARD", room.RoomId, munit.MunitId, failure.Message);
                }
            }).ConfigureAwait(false);
            Log.ForwardTornDown(logger, room.RoomId, forward.PublisherSessionId, forward.ForwardId);
        }
    }

    /// <summary>A downlink that could not be set up is not kept (it would hold capacity, and a forward).</summary>
    private async Task ForgetDownlinkAsync(MediaRoom room, string viewerSessionId, string publisherSessionId) =>
        await TearDownAsync(room, await Registry.ReleaseDownlinkAsync(room.RoomId, viewerSessionId, publisherSessionId).ConfigureAwait(false)).ConfigureAwait(false);

    private async Task<MediaOutcome> AtDownlinkAsync(MediaRoom room, string signal, string viewerSessionId, string publisherSessionId, Func<IMunitEngine, Task<MediaOutcome>> call)
    {
        ArgumentNullException.ThrowIfNull(room);
        var placement = await Registry.FindDownlinkAsync(room.RoomId, viewerSessionId, publisherSessionId).ConfigureAwait(false);
        if (placement is not null)
        {
            return await CallAsync(room, signal, placement, call).ConfigureAwait(false);
        }

        return await Registry.AnyActiveAsync().ConfigureAwait(false)
            ? MediaOutcome.Fail(4024, "the publisher's stream is not on any media unit (not published yet, or being re-placed: wait for its OFFER)")
            : MediaOutcome.Fail(500, NoMunit);
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

        [LoggerMessage(6860, LogLevel.Debug, "Room {RoomId}: downlink of {PublisherSessionId} to {ViewerSessionId} on munit {MunitId} (forward {ForwardId})")]
        public static partial void DownlinkPlaced(ILogger logger, string roomId, string viewerSessionId, string publisherSessionId, string munitId, string? forwardId);

        [LoggerMessage(6861, LogLevel.Information, "Room {RoomId}: forward {ForwardId} of {SessionId} set up, munit {Origin} → munit {Target} ({Host}:{Port})")]
        public static partial void ForwardSetUp(ILogger logger, string roomId, string sessionId, string forwardId, string origin, string target, string host, int port);

        [LoggerMessage(6862, LogLevel.Warning, "Room {RoomId}: forwarding {SessionId} from munit {Origin} to munit {Target} failed ({What}): {Code} {Reason}")]
        public static partial void ForwardFailed(ILogger logger, string roomId, string sessionId, string origin, string target, string what, int code, string reason);

        [LoggerMessage(6863, LogLevel.Information, "Room {RoomId}: forward {ForwardId} of {SessionId} torn down")]
        public static partial void ForwardTornDown(ILogger logger, string roomId, string sessionId, string forwardId);
    }
}
