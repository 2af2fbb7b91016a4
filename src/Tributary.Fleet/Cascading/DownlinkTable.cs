using Tributary.Fleet.Placement;
using Tributary.Ids;

namespace Tributary.Fleet.Cascading;

/// <summary>
/// The registry's book of viewers' downlinks and of the forwards serving them (cascading), over the
/// <see cref="PlacementTable"/> whose downlink rules decide where each goes: the publisher's munit while it fits, else
/// a munit already receiving a forward of the publisher, else the least-loaded active munit (a new forward). A
/// forward exists once per (room, publisher, target munit), counts its viewers and goes with its last one; when
/// either end dies its forward and downlinks are forgotten (the room's viewers get RESTART and re-WATCH, which
/// re-creates what is needed). Every downlink counts against its munit in the table. Not thread-safe (one owner, the
/// registry grain).
/// </summary>
public sealed class DownlinkTable(PlacementTable table)
{
    private readonly Dictionary<(string Room, string Viewer, string Publisher), Downlink> _downlinks = [];
    private readonly Dictionary<(string Room, string Publisher, string Target), Forward> _forwards = [];
    private readonly Dictionary<string, int> _perMunit = new(StringComparer.Ordinal);

    /// <summary>Every forward now, ordered by room, publisher and target.</summary>
    public IReadOnlyList<CascadeForward> Forwards =>
        [.. _forwards.Values.Select(f => f.Snapshot()).OrderBy(f => f.RoomId, StringComparer.Ordinal).ThenBy(f => f.PublisherSessionId, StringComparer.Ordinal).ThenBy(f => f.TargetMunitId, StringComparer.Ordinal)];

    /// <summary>How many downlinks this book has on <paramref name="munitId"/>.</summary>
    public int CountOn(string munitId) => munitId is not null && _perMunit.TryGetValue(munitId, out var n) ? n : 0;

    /// <summary>The munits serving downlinks of <paramref name="roomId"/>.</summary>
    public IReadOnlyList<string> MunitsOf(string roomId) =>
        [.. _downlinks.Where(d => d.Key.Room == roomId).Select(d => d.Value.MunitId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The munit serving the viewer's downlink of the publisher, if recorded.</summary>
    public string? Find(string roomId, string viewerSessionId, string publisherSessionId) =>
        roomId is not null && viewerSessionId is not null && publisherSessionId is not null && _downlinks.TryGetValue((roomId, viewerSessionId, publisherSessionId), out var d) ? d.MunitId : null;

    /// <summary>
    /// Places and records the viewer's downlink of the publisher whose station is on <paramref name="originMunitId"/>.
    /// A downlink already recorded stays where it is while its munit lives and is served from the same origin;
    /// otherwise it is removed (its forward too when it was the last viewer) and placed again.
    /// </summary>
    public DownlinkDecision Place(string roomId, string viewerSessionId, string publisherSessionId, string originMunitId)
    {
        if (string.IsNullOrWhiteSpace(roomId) || string.IsNullOrWhiteSpace(viewerSessionId) || string.IsNullOrWhiteSpace(publisherSessionId) || string.IsNullOrWhiteSpace(originMunitId))
        {
            return DownlinkDecision.Invalid("roomId, viewerSessionId, publisherSessionId and originMunitId are required.");
        }

        if (viewerSessionId == publisherSessionId)
        {
            return DownlinkDecision.Invalid("a session does not watch its own stream.");
        }

        if (table.StateOf(originMunitId) is not (MunitState.Active or MunitState.Draining))
        {
            return DownlinkDecision.Invalid($"munit '{originMunitId}' is unknown or dead; the publisher's station must be re-placed first.");
        }

        var key = (roomId, viewerSessionId, publisherSessionId);
        var removed = new List<CascadeForward>();
        string? replaced = null;
        if (_downlinks.TryGetValue(key, out var existing))
        {
            var sameOrigin = existing.Forward is null ? existing.MunitId == originMunitId : existing.Forward.Origin == originMunitId;
            if (sameOrigin && table.StateOf(existing.MunitId) is MunitState.Active or MunitState.Draining)
            {
                return new DownlinkDecision(PlacementOutcome.Placed, existing.MunitId, existing.Forward?.Snapshot(), false, null, [], null);
            }

            Remove(key, existing, removed);
            replaced = existing.MunitId;
        }

        var placement = table.PlaceDownlink(originMunitId, ForwardKey(roomId, publisherSessionId));
        if (placement.Outcome != PlacementOutcome.Placed)
        {
            return new DownlinkDecision(placement.Outcome, null, null, false, replaced, removed, placement.Error);
        }

        var munitId = placement.MunitId!;
        Forward? forward = null;
        var created = false;
        if (placement.IsCascade)
        {
            if (!_forwards.TryGetValue((roomId, publisherSessionId, munitId), out forward))
            {
                forward = new Forward(TimeOrderedId.New(), roomId, publisherSessionId, originMunitId, munitId);
                _forwards.Add((roomId, publisherSessionId, munitId), forward);
                created = true;
            }

            forward.Viewers++;
        }

        table.AddDownlink(munitId, forward is null ? null : ForwardKey(roomId, publisherSessionId));
        _downlinks[key] = new Downlink(munitId, forward);
        _perMunit[munitId] = CountOn(munitId) + 1;
        return new DownlinkDecision(PlacementOutcome.Placed, munitId, forward?.Snapshot(), created, replaced == munitId ? null : replaced, removed, null);
    }

    /// <summary>Marks the forward as set up; false when it is not (or no longer) in the book.</summary>
    public bool Confirm(string roomId, string publisherSessionId, string forwardId)
    {
        var forward = _forwards.Values.FirstOrDefault(f => f.Id == forwardId && f.Room == roomId && f.Publisher == publisherSessionId);
        if (forward is null)
        {
            return false;
        }

        forward.Ready = true;
        return true;
    }

    /// <summary>Forgets one downlink; answers its forward when that was the last viewer. Nothing when it is not recorded.</summary>
    public IReadOnlyList<CascadeForward> Release(string roomId, string viewerSessionId, string publisherSessionId)
    {
        var removed = new List<CascadeForward>();
        if (roomId is not null && viewerSessionId is not null && publisherSessionId is not null
            && _downlinks.TryGetValue((roomId, viewerSessionId, publisherSessionId), out var downlink))
        {
            Remove((roomId, viewerSessionId, publisherSessionId), downlink, removed);
        }

        return removed;
    }

    /// <summary>Forgets every downlink of the session in the room, as viewer or as publisher; answers the forwards that lost their last viewer.</summary>
    public IReadOnlyList<CascadeForward> ReleaseSession(string roomId, string sessionId)
    {
        var removed = new List<CascadeForward>();
        foreach (var (key, downlink) in _downlinks.Where(d => d.Key.Room == roomId && (d.Key.Viewer == sessionId || d.Key.Publisher == sessionId)).ToList())
        {
            Remove(key, downlink, removed);
        }

        return removed;
    }

    /// <summary>Forgets every downlink and forward of the room (it ended: its Janus rooms are destroyed).</summary>
    public IReadOnlyList<CascadeForward> ForgetRoom(string roomId)
    {
        var removed = new List<CascadeForward>();
        foreach (var (key, downlink) in _downlinks.Where(d => d.Key.Room == roomId).ToList())
        {
            Remove(key, downlink, removed);
        }

        return removed;
    }

    /// <summary>
    /// A munit died: forgets the downlinks it served and every forward from or to it (with the downlinks those served
    /// on their targets); answers the forwards forgotten.
    /// </summary>
    public IReadOnlyList<CascadeForward> ForgetMunit(string munitId)
    {
        var removed = new List<CascadeForward>();
        foreach (var (key, downlink) in _downlinks.Where(d => d.Value.MunitId == munitId || d.Value.Forward?.Origin == munitId).ToList())
        {
            Remove(key, downlink, removed);
        }

        return removed;
    }

    private void Remove((string Room, string Viewer, string Publisher) key, Downlink downlink, List<CascadeForward> removed)
    {
        _downlinks.Remove(key);
        var left = CountOn(downlink.MunitId) - 1;
        if (left > 0)
        {
            _perMunit[downlink.MunitId] = left;
        }
        else
        {
            _perMunit.Remove(downlink.MunitId);
        }

        table.RemoveDownlink(downlink.MunitId, downlink.Forward is null ? null : ForwardKey(key.Room, key.Publisher));
        if (downlink.Forward is { } forward && --forward.Viewers == 0)
        {
            _forwards.Remove((forward.Room, forward.Publisher, forward.Target));
            removed.Add(forward.Snapshot());
        }
    }

    /// <summary>The publisher's key in the placement table's forward index (session ids are unique per room).</summary>
    private static string ForwardKey(string roomId, string publisherSessionId) => roomId + "\n" + publisherSessionId;

    private sealed record Downlink(string MunitId, Forward? Forward);

    private sealed class Forward(string id, string room, string publisher, string origin, string target)
    {
        public string Id { get; } = id;

        public string Room { get; } = room;

        public string Publisher { get; } = publisher;

        public string Origin { get; } = origin;

        public string Target { get; } = target;

        public int Viewers { get; set; }

        public bool Ready { get; set; }

        public CascadeForward Snapshot() => new(Id, Room, Publisher, Origin, Target, Viewers, Ready);
    }
}
