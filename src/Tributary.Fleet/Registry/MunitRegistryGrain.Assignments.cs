using Microsoft.Extensions.Logging;
using Tributary.Fleet.Placement;
using Tributary.Media.Munits;

namespace Tributary.Fleet.Registry;

/// <summary>
/// Assign and Unassign (the original "munit signals"): an administrator pins a room to a munit. Its stations on other
/// munits move there at once (RESTART at the next sweep, as in a recovery) and its new stations are placed there while
/// the munit is active and has room; otherwise placement goes on as usual (a dead or drained munit never takes one).
/// Assignments are persisted with the lifecycles and dropped with their munit when it is removed.
/// </summary>
internal sealed partial class MunitRegistryGrain
{
    /// <summary>Longest room id an assignment accepts.</summary>
    public const int MaxRoomIdLength = 200;

    public async Task<FleetCommandResult> AssignRoomAsync(string roomId, string munitId)
    {
        if (string.IsNullOrWhiteSpace(roomId) || roomId.Length > MaxRoomIdLength)
        {
            return new FleetCommandResult(FleetCommandError.Conflict, $"'{roomId}' is not a room id (1 to {MaxRoomIdLength} characters)", null);
        }

        if (string.IsNullOrWhiteSpace(munitId) || !_munits.TryGetValue(munitId, out var known))
        {
            return new FleetCommandResult(FleetCommandError.NotFound, $"no munit has the id '{munitId}'", null);
        }

        RefreshAll();
        if (known.State != MunitState.Active)
        {
            return new FleetCommandResult(FleetCommandError.Conflict, $"munit {munitId} is {known.State.ToString().ToLowerInvariant()}: only an active munit takes a room", View(known));
        }

        var moving = _stations.TryGetValue(roomId, out var sessions)
            ? sessions.Where(s => s.Value != munitId).Select(s => (Session: s.Key, From: s.Value)).ToList()
            : [];
        var stations = _byMunit.GetValueOrDefault(munitId)?.Count ?? 0;
        if (stations + moving.Count > _options.MaxStations)
        {
            return new FleetCommandResult(FleetCommandError.Conflict, $"munit {munitId} has no room for the {moving.Count} stations of room {roomId}", View(known));
        }

        _state.State.Assignments[roomId] = munitId;
        await _state.WriteStateAsync();
        foreach (var (session, from) in moving)
        {
            RemoveStation(from, roomId, session);
            AddStation(munitId, roomId, session);
            RestartLater(roomId, session);
            if (_munits.GetValueOrDefault(from) is { State: not MunitState.Dead, Last.Engine: { } engine })
            {
                if (!_leftBehind.TryGetValue(roomId, out var left))
                {
                    _leftBehind[roomId] = left = [];
                }

                left.Add(new LeftStation(session, new MunitPlacement(from, engine)));
            }
        }

        LogAssigned(_logger, roomId, munitId, moving.Count);
        return new FleetCommandResult(FleetCommandError.None, null, View(known));
    }

    public async Task<FleetCommandResult> UnassignRoomAsync(string roomId)
    {
        if (roomId is null || !_state.State.Assignments.Remove(roomId, out var munitId))
        {
            return new FleetCommandResult(FleetCommandError.NotFound, $"room '{roomId}' is not assigned to a munit", null);
        }

        await _state.WriteStateAsync();
        LogUnassigned(_logger, roomId, munitId);
        RefreshAll();
        return new FleetCommandResult(FleetCommandError.None, null, _munits.TryGetValue(munitId, out var known) ? View(known) : null);
    }

    /// <summary>Where a new station of the room goes: the munit it is assigned to when that is active and has room, else the table's choice.</summary>
    private StationPlacement PlaceStation(string roomId) =>
        _state.State.Assignments.TryGetValue(roomId, out var munitId) && _table.FitsStation(munitId)
            ? StationPlacement.On(munitId, byAffinity: true)
            : _table.PlaceStation(roomId);

    private void ForgetAssignmentsTo(string munitId)
    {
        foreach (var room in _state.State.Assignments.Where(a => a.Value == munitId).Select(a => a.Key).ToList())
        {
            _state.State.Assignments.Remove(room);
        }
    }

    [LoggerMessage(7060, LogLevel.Information, "Room {RoomId} assigned to munit {MunitId} ({Moved} stations moved there)")]
    private static partial void LogAssigned(ILogger logger, string roomId, string munitId, int moved);

    [LoggerMessage(7061, LogLevel.Information, "Room {RoomId} no longer assigned to munit {MunitId}")]
    private static partial void LogUnassigned(ILogger logger, string roomId, string munitId);
}
