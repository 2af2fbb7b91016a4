using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Tributary.Fleet.Cascading;
using Tributary.Fleet.Placement;
using Tributary.Media.Cascading;
using Tributary.Media.Munits;

namespace Tributary.Fleet.Registry;

// Viewers' downlinks and cascading: where each WATCH goes (DownlinkTable over the placement table), which munit
// serves each downlink afterwards (ANSWER, ICE, SIMULCAST_UPDATE), and the forwards to tear down when their last
// viewer leaves. The calls to the munits are made by the caller (ClusterMediaEngine); the registry only decides
// and remembers.
internal sealed partial class MunitRegistryGrain
{
    private const string NoMediaPlane = "media plane not available: no active munit has room (or none is configured on this cluster)";

    private DownlinkTable? _downlinkTable;

    private DownlinkTable Downlinks => _downlinkTable ??= new DownlinkTable(_table);

    public Task<DownlinkAssignment> PlaceDownlinkAsync(string roomId, string viewerSessionId, string publisherSessionId)
    {
        if (string.IsNullOrWhiteSpace(roomId) || string.IsNullOrWhiteSpace(viewerSessionId) || string.IsNullOrWhiteSpace(publisherSessionId))
        {
            return Task.FromResult(DownlinkAssignment.Fail(2001, "a downlink needs a room, a viewer session and a publisher session"));
        }

        RefreshAll();
        if (Find(roomId, publisherSessionId) is not { } origin)
        {
            return Task.FromResult(_munits.Values.Any(k => k.State == MunitState.Active)
                ? DownlinkAssignment.Fail(4024, "the publisher's stream is not on any media unit (not published yet, or being re-placed: wait for its OFFER)")
                : DownlinkAssignment.Fail(500, NoMediaPlane));
        }

        var decision = Downlinks.Place(roomId, viewerSessionId, publisherSessionId, origin.MunitId);
        var teardowns = ForwardsGone(decision.Removed);
        if (decision.Outcome == PlacementOutcome.Invalid)
        {
            return Task.FromResult(DownlinkAssignment.Fail(2001, decision.Error ?? "invalid downlink"));
        }

        if (decision.Outcome != PlacementOutcome.Placed || PlacementOf(decision.MunitId!) is not { } munit)
        {
            LogNoDownlinkCapacity(_logger, roomId, viewerSessionId, publisherSessionId);
            return Task.FromResult(new DownlinkAssignment(500, "no media unit has room for another downlink of this stream", null, origin, null, false, null, teardowns));
        }

        if (decision.Created && decision.Forward is { } created)
        {
            _metrics.Cascade(created: true);
            LogForwardCreated(_logger, roomId, publisherSessionId, created.OriginMunitId, created.TargetMunitId, created.Id);
        }

        var replaced = decision.ReplacedMunitId is { } moved ? PlacementOf(moved) : null;
        return Task.FromResult(new DownlinkAssignment(200, null, munit, origin, decision.Forward?.Id, decision.Forward?.Ready ?? true, replaced, teardowns));
    }

    public Task<bool> ConfirmForwardAsync(string roomId, string publisherSessionId, string forwardId) =>
        Task.FromResult(roomId is not null && publisherSessionId is not null && forwardId is not null && Downlinks.Confirm(roomId, publisherSessionId, forwardId));

    public Task<ImmutableArray<ForwardTeardown>> ReleaseDownlinkAsync(string roomId, string viewerSessionId, string publisherSessionId) =>
        Task.FromResult(ForwardsGone(Downlinks.Release(roomId, viewerSessionId, publisherSessionId)));

    public Task<MunitPlacement?> FindDownlinkAsync(string roomId, string viewerSessionId, string publisherSessionId)
    {
        RefreshAll();
        var placement = Downlinks.Find(roomId, viewerSessionId, publisherSessionId) is { } munitId ? PlacementOf(munitId) : null;
        return Task.FromResult(placement ?? Find(roomId, publisherSessionId));
    }

    public Task<ImmutableArray<ForwardTeardown>> ReleaseDownlinksAsync(string roomId, string sessionId) =>
        Task.FromResult(roomId is null || sessionId is null ? [] : ForwardsGone(Downlinks.ReleaseSession(roomId, sessionId)));

    public Task<IReadOnlyList<CascadeForward>> ForwardsAsync() => Task.FromResult(Downlinks.Forwards);

    /// <summary>
    /// A munit died: its downlinks and the forwards from or to it are forgotten (viewers re-WATCH after RESTART); the
    /// end of each forward that still lives is queued for the next sweep to tear down.
    /// </summary>
    private void ForgetDownlinksOn(string munitId)
    {
        var forgotten = Downlinks.ForgetMunit(munitId);
        foreach (var forward in forgotten)
        {
            LogForwardForgotten(_logger, forward.RoomId, forward.PublisherSessionId, forward.OriginMunitId, forward.TargetMunitId, munitId);
            var origin = forward.OriginMunitId == munitId ? null : PlacementOf(forward.OriginMunitId);
            var target = forward.TargetMunitId == munitId ? null : PlacementOf(forward.TargetMunitId);
            if (origin is not null || target is not null)
            {
                _pendingTeardowns.Add(new ForwardTeardown(forward.RoomId, forward.PublisherSessionId, forward.Id, origin, target));
            }
        }

        _metrics.Cascade(created: false, forgotten.Count);
    }

    /// <summary>Counts and logs forwards that lost their last viewer; what to tear down on the munits still alive.</summary>
    private ImmutableArray<ForwardTeardown> ForwardsGone(IReadOnlyList<CascadeForward> removed)
    {
        if (removed.Count == 0)
        {
            return [];
        }

        _metrics.Cascade(created: false, removed.Count);
        var teardowns = ImmutableArray.CreateBuilder<ForwardTeardown>(removed.Count);
        foreach (var forward in removed)
        {
            LogForwardRemoved(_logger, forward.RoomId, forward.PublisherSessionId, forward.OriginMunitId, forward.TargetMunitId, forward.Id);
            teardowns.Add(new ForwardTeardown(forward.RoomId, forward.PublisherSessionId, forward.Id, PlacementOf(forward.OriginMunitId), PlacementOf(forward.TargetMunitId)));
        }

        return teardowns.MoveToImmutable();
    }

    /// <summary>The munit's engine while it lives, else null.</summary>
    private MunitPlacement? PlacementOf(string munitId) =>
        _munits.TryGetValue(munitId, out var known) && known.State != MunitState.Dead && known.Last?.Engine is { } engine ? new MunitPlacement(munitId, engine) : null;

    [LoggerMessage(7100, LogLevel.Information, "Room {RoomId}: forward {ForwardId} of {SessionId} created, {Origin} → {Target}")]
    private static partial void LogForwardCreated(ILogger logger, string roomId, string sessionId, string origin, string target, string forwardId);

    [LoggerMessage(7101, LogLevel.Information, "Room {RoomId}: forward {ForwardId} of {SessionId} removed ({Origin} → {Target}): its last viewer left")]
    private static partial void LogForwardRemoved(ILogger logger, string roomId, string sessionId, string origin, string target, string forwardId);

    [LoggerMessage(7102, LogLevel.Warning, "Room {RoomId}: forward of {SessionId} {Origin} → {Target} forgotten: munit {Dead} died")]
    private static partial void LogForwardForgotten(ILogger logger, string roomId, string sessionId, string origin, string target, string dead);

    [LoggerMessage(7103, LogLevel.Warning, "Room {RoomId}: no munit has room for the downlink of {PublisherSessionId} to {ViewerSessionId}")]
    private static partial void LogNoDownlinkCapacity(ILogger logger, string roomId, string viewerSessionId, string publisherSessionId);
}
