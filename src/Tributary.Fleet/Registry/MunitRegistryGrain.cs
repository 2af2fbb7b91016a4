using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.GrainDirectory;
using Orleans.Placement;
using Tributary.Fleet.Control;
using Tributary.Fleet.Placement;
using Tributary.Media.Cascading;
using Tributary.Media.Munits;

namespace Tributary.Fleet.Registry;

/// <summary>
/// The fleet's registry: every munit's last report, lifecycle and liveness, and where every station is. Station
/// placement goes through a <see cref="PlacementTable"/> (least-loaded active munit, room affinity, never draining,
/// stopped or dead). A munit that dies (silent for <see cref="FleetOptions.DeadAfter"/>, Janus not healthy) or is
/// stopped has its stations re-placed at once; the control role's sweep collects them and sends RESTART.
/// Lifecycles are persisted; reports, load and stations live in memory (munits report every second, and a registry
/// that moves learns stations again from the publishers' next OFFERs). Placed on the silo of its first caller — the
/// control role sweeps from its first second, so that is normally the control node. Registered in its own
/// <see cref="RecoveryGrainDirectory"/>, so a silo leaving the cluster does not deactivate it.
/// </summary>
[PreferLocalPlacement]
[GrainDirectory(GrainDirectoryName = RecoveryGrainDirectory.Name)]
internal sealed partial class MunitRegistryGrain : Grain, IMunitRegistryGrain, IFleetGrain
{
    private readonly IPersistentState<FleetRegistryState> _state;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly FleetMetrics _metrics;
    private readonly ILogger<MunitRegistryGrain> _logger;
    private readonly PlacementTable _table;
    private readonly Dictionary<string, Known> _munits = new(StringComparer.Ordinal);

    // room → publisher session → munit; and the reverse index munit → stations.
    private readonly Dictionary<string, Dictionary<string, string>> _stations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string Room, string Session)>> _byMunit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _pendingRestarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LeftStation>> _leftBehind = new(StringComparer.Ordinal);

    // Forwards of dead munits whose surviving end the next sweep tears down. Bounded by the forwards that existed.
    private readonly List<ForwardTeardown> _pendingTeardowns = [];
    private int _refused;
    private DateTimeOffset _activatedAt;

    public MunitRegistryGrain(
        [PersistentState("fleet")] IPersistentState<FleetRegistryState> state,
        IOptions<FleetOptions> options,
        FleetClock clock,
        FleetMetrics metrics,
        ILogger<MunitRegistryGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = clock.Time;
        _metrics = metrics;
        _logger = logger;
        _table = new PlacementTable(MunitCapacityLimits.From(_options));
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = _time.GetUtcNow();
        foreach (var (id, record) in _state.State.Munits)
        {
            // Not heard from since this activation: dead until its next report (within a second for a live munit).
            _munits[id] = new Known(id, record) { State = MunitState.Dead };
            _table.Upsert(new MunitSnapshot(id, MunitState.Dead, 0, 0, 0));
        }

        LogActivated(_logger, _munits.Count);
        return Task.CompletedTask;
    }

    public async Task ReportAsync(MunitReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_munits.TryGetValue(report.MunitId, out var known))
        {
            if (report.Janus == JanusHealth.Stopped)
            {
                // The last word of a munit that was already forgotten (scaled away): do not list it again.
                return;
            }

            known = new Known(report.MunitId, new MunitRecord { Lifecycle = MunitLifecycle.Active, Since = _time.GetUtcNow() }) { State = MunitState.Active };
            _munits.Add(known.Id, known);
            _table.Add(known.Id);
            _state.State.Munits[known.Id] = known.Record;
            await _state.WriteStateAsync();
            LogMunitJoined(_logger, known.Id, report.Host);
        }

        else if (known.Last is { } last && report.Sequence <= last.Sequence && report.At <= last.At)
        {
            // Overtaken by a newer report of the same regulator (a report that waited behind a cluster change).
            // A restarted media process starts its sequence again: lower sequence but later, so it counts.
            return;
        }

        known.Last = report;
        known.ReceivedAt = _time.GetUtcNow();
        known.Reports++;
        if (report.Load is { } load)
        {
            // Downlinks placed since Janus was read (or still being set up) count too.
            _table.SetLoad(known.Id, Math.Max(load.Downlinks, Downlinks.CountOn(known.Id)), load.BitrateIn + load.BitrateOut);
        }

        Refresh(known, _time.GetUtcNow());
        Adopt(known, report);
    }

    /// <summary>
    /// Right after this grain was (re)activated its station map is empty while munits still carry stations: Orleans
    /// re-activates the registry when the silo holding its directory entry dies (the "new" registry then starts
    /// empty, on the control node again). For <see cref="FleetOptions.DeadAfter"/> after activation every live
    /// munit's report re-teaches the stations its Janus holds, unless the station is already known elsewhere
    /// (re-placed after a death). Later reports are not adopted: a report read before a RELEASE must not bring the
    /// released station back.
    /// </summary>
    private void Adopt(Known known, MunitReport report)
    {
        if (report.Load?.Held is not { Length: > 0 } held || known.State == MunitState.Dead || _time.GetUtcNow() - _activatedAt > _options.DeadAfter)
        {
            return;
        }

        foreach (var station in held)
        {
            if (!_stations.TryGetValue(station.RoomId, out var sessions) || !sessions.ContainsKey(station.SessionId))
            {
                AddStation(known.Id, station.RoomId, station.SessionId);
                LogStationAdopted(_logger, station.RoomId, station.SessionId, known.Id);
            }
        }
    }

    public async Task<bool> RemoveAsync(string munitId)
    {
        if (munitId is null || !_munits.TryGetValue(munitId, out var known))
        {
            return false;
        }

        known.Record.Lifecycle = MunitLifecycle.Stopped;
        Refresh(known, _time.GetUtcNow());
        _munits.Remove(munitId);
        _table.Remove(munitId);
        _state.State.Munits.Remove(munitId);
        ForgetAssignmentsTo(munitId);
        await _state.WriteStateAsync();
        return true;
    }

    public Task<ImmutableArray<MunitStatus>> ListAsync()
    {
        // From the registry's own receipts: asking each MunitGrain would hold this (non-reentrant) grain for up to
        // Orleans's response timeout whenever one of them lived on a silo that just died, and every munit's report
        // would queue behind it — the stall that made healthy munits look dead (docs/fleet.md, "Liveness").
        var now = _time.GetUtcNow();
        var statuses = _munits.Values.OrderBy(k => k.Id, StringComparer.Ordinal)
            .Select(k => new MunitStatus(k.Id, k.Last, k.ReceivedAt, k.Last is not { } last || k.ReceivedAt is not { } at || now - at > last.SilentAfter, k.Reports))
            .ToImmutableArray();
        return Task.FromResult(statuses);
    }

    public Task<MunitPlacement?> PlaceStationAsync(string roomId, string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        RefreshAll();
        if (Find(roomId, sessionId) is { } existing)
        {
            return Task.FromResult<MunitPlacement?>(existing);
        }

        var placement = PlaceStation(roomId);
        if (placement.Outcome != PlacementOutcome.Placed)
        {
            _refused++;
            _metrics.Refused();
            LogNoCapacity(_logger, roomId, sessionId);
            return Task.FromResult<MunitPlacement?>(null);
        }

        AddStation(placement.MunitId!, roomId, sessionId);
        _metrics.Placed(placement.ByAffinity);
        return Task.FromResult<MunitPlacement?>(new MunitPlacement(placement.MunitId!, _munits[placement.MunitId!].Last!.Engine!));
    }

    public Task<MunitPlacement?> FindStationAsync(string roomId, string sessionId)
    {
        RefreshAll();
        return Task.FromResult(Find(roomId, sessionId));
    }

    public Task<bool> AnyActiveAsync()
    {
        RefreshAll();
        return Task.FromResult(_munits.Values.Any(k => k.State == MunitState.Active));
    }

    public Task<ImmutableArray<MunitPlacement>> RoomMunitsAsync(string roomId)
    {
        RefreshAll();
        if (roomId is null)
        {
            return Task.FromResult(ImmutableArray<MunitPlacement>.Empty);
        }

        var sessions = _stations.GetValueOrDefault(roomId) ?? new Dictionary<string, string>(StringComparer.Ordinal);

        var placements = sessions.Values.Concat(Downlinks.MunitsOf(roomId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => _munits.GetValueOrDefault(id))
            .Where(k => k is not null && k.State != MunitState.Dead && k.Last?.Engine is not null)
            .Select(k => new MunitPlacement(k!.Id, k.Last!.Engine!))
            .ToImmutableArray();
        return Task.FromResult(placements);
    }

    public Task ReleaseStationAsync(string roomId, string sessionId)
    {
        if (roomId is not null && sessionId is not null && _stations.TryGetValue(roomId, out var sessions) && sessions.TryGetValue(sessionId, out var munitId))
        {
            RemoveStation(munitId, roomId, sessionId);
        }

        return Task.CompletedTask;
    }

    public Task ForgetRoomAsync(string roomId)
    {
        if (roomId is not null && _stations.TryGetValue(roomId, out var sessions))
        {
            foreach (var (session, munitId) in sessions.ToList())
            {
                RemoveStation(munitId, roomId, session);
            }
        }

        _pendingRestarts.Remove(roomId ?? string.Empty);
        _leftBehind.Remove(roomId ?? string.Empty);
        if (roomId is not null)
        {
            ForwardsGone(Downlinks.ForgetRoom(roomId));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MunitView>> MunitsAsync()
    {
        RefreshAll();
        return Task.FromResult<IReadOnlyList<MunitView>>(Views());
    }

    public Task<FleetCommandResult> DrainAsync(string munitId, bool byAutoscaler = false) =>
        CommandAsync(munitId, byAutoscaler ? "drain (autoscaler)" : "drain", known => known.Record.Lifecycle switch
        {
            MunitLifecycle.Draining => $"munit {munitId} is already draining",
            MunitLifecycle.Stopped => $"munit {munitId} is stopped: revive it first",
            _ => null,
        }, MunitLifecycle.Draining, drainedByOperator: !byAutoscaler);

    public Task<FleetCommandResult> ReviveAsync(string munitId) =>
        CommandAsync(munitId, "revive", known => known.Record.Lifecycle == MunitLifecycle.Active ? $"munit {munitId} is already active" : null, MunitLifecycle.Active);

    public Task<FleetCommandResult> StopAsync(string munitId) =>
        CommandAsync(munitId, "stop", known => known.Record.Lifecycle == MunitLifecycle.Stopped ? $"munit {munitId} is already stopped" : null, MunitLifecycle.Stopped);

    public Task<FleetSweep> SweepAsync()
    {
        RefreshAll();
        var recoveries = _pendingRestarts.Select(p => new StationRecovery(p.Key, [.. p.Value], _leftBehind.GetValueOrDefault(p.Key))).ToList();
        _pendingRestarts.Clear();
        _leftBehind.Clear();
        var refused = _refused;
        _refused = 0;
        var teardowns = _pendingTeardowns.ToList();
        _pendingTeardowns.Clear();
        return Task.FromResult(new FleetSweep(Views(), recoveries, refused, teardowns));
    }

    private async Task<FleetCommandResult> CommandAsync(string munitId, string command, Func<Known, string?> conflict, MunitLifecycle to, bool drainedByOperator = false)
    {
        if (string.IsNullOrWhiteSpace(munitId) || !_munits.TryGetValue(munitId, out var known))
        {
            return new FleetCommandResult(FleetCommandError.NotFound, $"no munit has the id '{munitId}'", null);
        }

        RefreshAll();
        if (conflict(known) is { } message)
        {
            return new FleetCommandResult(FleetCommandError.Conflict, message, View(known));
        }

        var from = known.Record.Lifecycle;
        known.Record.Lifecycle = to;
        known.Record.Since = _time.GetUtcNow();
        known.Record.DrainedByOperator = to == MunitLifecycle.Draining && drainedByOperator;
        await _state.WriteStateAsync();
        Refresh(known, _time.GetUtcNow());
        LogLifecycle(_logger, munitId, command, from, to);
        return new FleetCommandResult(FleetCommandError.None, null, View(known));
    }

    private MunitPlacement? Find(string roomId, string sessionId)
    {
        if (roomId is null || sessionId is null || !_stations.TryGetValue(roomId, out var sessions) || !sessions.TryGetValue(sessionId, out var munitId))
        {
            return null;
        }

        // Dead munits lose their stations in Refresh, so a station found here is on a live munit.
        var known = _munits[munitId];
        return known.Last?.Engine is { } engine ? new MunitPlacement(munitId, engine) : null;
    }

    private void RefreshAll()
    {
        var now = _time.GetUtcNow();
        foreach (var known in _munits.Values)
        {
            Refresh(known, now);
        }
    }

    /// <summary>Applies lifecycle and liveness to the table; a munit that just died gives up its stations.</summary>
    private void Refresh(Known known, DateTimeOffset now)
    {
        var state = StateOf(known, now);
        if (state == known.State)
        {
            return;
        }

        var before = known.State;
        known.State = state;
        _table.SetState(known.Id, state);
        LogStateChanged(_logger, known.Id, before, state);
        if (state == MunitState.Dead)
        {
            ForgetDownlinksOn(known.Id);
            Recover(known.Id);
        }
    }

    private MunitState StateOf(Known known, DateTimeOffset now)
    {
        if (known.Record.Lifecycle == MunitLifecycle.Stopped || known.Last is not { Janus: JanusHealth.Healthy, Engine: not null })
        {
            return MunitState.Dead;
        }

        var lifecycle = known.Record.Lifecycle == MunitLifecycle.Draining ? MunitState.Draining : MunitState.Active;
        return MunitLiveness.StateOf(lifecycle, known.ReceivedAt, now, _options.DeadAfter);
    }

    /// <summary>Moves every station of a lost munit to another one (or drops it when none has room); its room gets RESTART at the next sweep.</summary>
    private void Recover(string munitId)
    {
        if (!_byMunit.TryGetValue(munitId, out var lost) || lost.Count == 0)
        {
            return;
        }

        foreach (var (room, session) in lost.ToList())
        {
            RemoveStation(munitId, room, session);
            var placement = PlaceStation(room);
            var placed = placement.Outcome == PlacementOutcome.Placed;
            if (placed)
            {
                AddStation(placement.MunitId!, room, session);
            }

            _metrics.Recovered(placed);
            LogStationRecovered(_logger, room, session, munitId, placement.MunitId ?? "(none: no capacity)");
            RestartLater(room, session);
        }
    }

    /// <summary>Queues RESTART for the publisher <paramref name="session"/>'s room: the next sweep sends it.</summary>
    private void RestartLater(string room, string session)
    {
        if (!_pendingRestarts.TryGetValue(room, out var sessions))
        {
            _pendingRestarts[room] = sessions = [];
        }

        if (!sessions.Contains(session, StringComparer.Ordinal))
        {
            sessions.Add(session);
        }
    }

    private void AddStation(string munitId, string roomId, string sessionId)
    {
        if (!_stations.TryGetValue(roomId, out var sessions))
        {
            _stations[roomId] = sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        sessions[sessionId] = munitId;
        if (!_byMunit.TryGetValue(munitId, out var held))
        {
            _byMunit[munitId] = held = [];
        }

        held.Add((roomId, sessionId));
        _table.AddStation(munitId, roomId);
    }

    private void RemoveStation(string munitId, string roomId, string sessionId)
    {
        if (_stations.TryGetValue(roomId, out var sessions) && sessions.Remove(sessionId) && sessions.Count == 0)
        {
            _stations.Remove(roomId);
        }

        if (_byMunit.TryGetValue(munitId, out var held) && held.Remove((roomId, sessionId)) && held.Count == 0)
        {
            _byMunit.Remove(munitId);
        }

        _table.RemoveStation(munitId, roomId);
    }

    private List<MunitView> Views() => [.. _munits.Values.OrderBy(k => k.Id, StringComparer.Ordinal).Select(View)];

    private MunitView View(Known known)
    {
        var held = _byMunit.GetValueOrDefault(known.Id);
        return new MunitView(
            known.Id,
            known.Record.Lifecycle,
            known.State,
            held?.Count ?? 0,
            held?.Select(s => s.Room).Distinct(StringComparer.Ordinal).Count() ?? 0,
            known.Last?.Load?.Downlinks,
            known.Last?.Load is { } load ? load.BitrateIn + load.BitrateOut : null,
            known.Last?.Host,
            known.Last?.Janus,
            known.ReceivedAt,
            known.Record.Since,
            _state.State.Assignments.Values.Count(id => id == known.Id),
            known.Record.Lifecycle == MunitLifecycle.Draining && known.Record.DrainedByOperator);
    }

    private sealed class Known(string id, MunitRecord record)
    {
        public string Id { get; } = id;

        public MunitRecord Record { get; } = record;

        public MunitState State { get; set; }

        public MunitReport? Last { get; set; }

        public DateTimeOffset? ReceivedAt { get; set; }

        public long Reports { get; set; }
    }

    [LoggerMessage(7030, LogLevel.Information, "Munit {MunitId} joined the fleet (host {Host})")]
    private static partial void LogMunitJoined(ILogger logger, string munitId, string host);

    [LoggerMessage(7031, LogLevel.Information, "Munit {MunitId}: {From} → {To}")]
    private static partial void LogStateChanged(ILogger logger, string munitId, MunitState from, MunitState to);

    [LoggerMessage(7032, LogLevel.Information, "Munit {MunitId}: {Command} ({From} → {To})")]
    private static partial void LogLifecycle(ILogger logger, string munitId, string command, MunitLifecycle from, MunitLifecycle to);

    [LoggerMessage(7033, LogLevel.Warning, "Room {RoomId}: station of {SessionId} lost with munit {From}, re-placed on {To}")]
    private static partial void LogStationRecovered(ILogger logger, string roomId, string sessionId, string from, string to);

    [LoggerMessage(7153, LogLevel.Information, "Fleet registry activated ({Munits} munits known, dead until they report; stations are learnt from their reports)")]
    private static partial void LogActivated(ILogger logger, int munits);

    [LoggerMessage(7152, LogLevel.Information, "Room {RoomId}: station of {SessionId} learnt from munit {MunitId}'s report (registry activated recently)")]
    private static partial void LogStationAdopted(ILogger logger, string roomId, string sessionId, string munitId);

    [LoggerMessage(7034, LogLevel.Warning, "Room {RoomId}: no active munit has room for the station of {SessionId}")]
    private static partial void LogNoCapacity(ILogger logger, string roomId, string sessionId);
}
