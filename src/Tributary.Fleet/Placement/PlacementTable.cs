namespace Tributary.Fleet.Placement;

/// <summary>
/// The fleet's munits with their stations, rooms and forwards, indexed so that a placement costs a dictionary look-up
/// and a walk from the least-loaded end of an ordered set instead of a scan of every munit (bench/RESULTS.md, "Fleet").
/// Answers exactly as <see cref="PlacementPolicy"/> does over <see cref="Snapshot"/>. Not thread-safe: one owner (the
/// registry grain, or a simulation) calls it.
/// </summary>
public sealed class PlacementTable
{
    private readonly MunitCapacityLimits _limits;
    private readonly Dictionary<string, Entry> _munits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> _roomMunits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> _forwardMunits = new(StringComparer.Ordinal);
    private readonly SortedSet<Entry> _active = new(EntryOrder.Instance);

    /// <summary>An empty table with the given per-munit limits.</summary>
    public PlacementTable(MunitCapacityLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <summary>The limits the table places against.</summary>
    public MunitCapacityLimits Limits => _limits;

    /// <summary>Munits in the table, in any state.</summary>
    public int Count => _munits.Count;

    /// <summary>Adds a munit or replaces everything known about it with <paramref name="snapshot"/>; false (and no change) for a malformed snapshot.</summary>
    public bool Upsert(MunitSnapshot snapshot)
    {
        if (PlacementPolicy.Problem([snapshot]) is not null)
        {
            return false;
        }

        Remove(snapshot.MunitId);
        var entry = new Entry(snapshot.MunitId)
        {
            State = snapshot.State,
            Stations = snapshot.Stations,
            Downlinks = snapshot.Downlinks,
            Bitrate = snapshot.Bitrate,
        };
        _munits.Add(entry.Id, entry);
        foreach (var room in snapshot.Rooms)
        {
            if (!string.IsNullOrWhiteSpace(room) && entry.Rooms.TryAdd(room, 1))
            {
                Index(_roomMunits, room).Add(entry);
            }
        }

        foreach (var publisher in snapshot.Forwards)
        {
            if (!string.IsNullOrWhiteSpace(publisher) && entry.Forwards.TryAdd(publisher, 0))
            {
                Index(_forwardMunits, publisher).Add(entry);
            }
        }

        Reorder(entry, () => { });
        return true;
    }

    /// <summary>Adds an empty active munit; false when the id is blank or already known.</summary>
    public bool Add(string munitId) =>
        !string.IsNullOrWhiteSpace(munitId) && !_munits.ContainsKey(munitId) && Upsert(new MunitSnapshot(munitId, MunitState.Active, 0, 0, 0));

    /// <summary>Forgets a munit with its rooms and forwards; false when unknown.</summary>
    public bool Remove(string munitId)
    {
        if (munitId is null || !_munits.Remove(munitId, out var entry))
        {
            return false;
        }

        _active.Remove(entry);
        foreach (var room in entry.Rooms.Keys)
        {
            Unindex(_roomMunits, room, entry);
        }

        foreach (var publisher in entry.Forwards.Keys)
        {
            Unindex(_forwardMunits, publisher, entry);
        }

        return true;
    }

    /// <summary>The munit's state, or null when unknown.</summary>
    public MunitState? StateOf(string munitId) => _munits.TryGetValue(munitId, out var entry) ? entry.State : null;

    /// <summary>Moves a munit to <paramref name="state"/> (drain, revive, declare dead); false when unknown or the state is not defined.</summary>
    public bool SetState(string munitId, MunitState state)
    {
        if (!Enum.IsDefined(state) || munitId is null || !_munits.TryGetValue(munitId, out var entry))
        {
            return false;
        }

        Reorder(entry, () => entry.State = state);
        return true;
    }

    /// <summary>Where a new station of <paramref name="roomId"/> goes (<see cref="PlacementPolicy.PlaceStation"/>); changes nothing.</summary>
    public StationPlacement PlaceStation(string roomId)
    {
        if (string.IsNullOrWhiteSpace(roomId))
        {
            return StationPlacement.Invalid("roomId is required.");
        }

        if (_roomMunits.TryGetValue(roomId, out var holders))
        {
            Entry? best = null;
            foreach (var entry in holders)
            {
                if (entry.State == MunitState.Active && _limits.FitsStation(entry.Stations, entry.Bitrate) && (best is null || EntryOrder.Instance.Compare(entry, best) < 0))
                {
                    best = entry;
                }
            }

            if (best is not null)
            {
                return StationPlacement.On(best.Id, byAffinity: true);
            }
        }

        foreach (var entry in _active)
        {
            if (_limits.FitsStation(entry.Stations, entry.Bitrate))
            {
                return StationPlacement.On(entry.Id, byAffinity: false);
            }
        }

        return StationPlacement.NoCapacity;
    }

    /// <summary>True when <paramref name="munitId"/> is active and one more station fits on it.</summary>
    public bool FitsStation(string munitId) =>
        munitId is not null && _munits.TryGetValue(munitId, out var entry) && entry.State == MunitState.Active && _limits.FitsStation(entry.Stations, entry.Bitrate);

    /// <summary>Records a station of <paramref name="roomId"/> on <paramref name="munitId"/>; false (no change) when the munit is unknown or the room blank.</summary>
    public bool AddStation(string munitId, string roomId)
    {
        if (string.IsNullOrWhiteSpace(roomId) || munitId is null || !_munits.TryGetValue(munitId, out var entry))
        {
            return false;
        }

        Reorder(entry, () =>
        {
            entry.Stations++;
            entry.Bitrate += _limits.StationBitrate;
        });
        if (entry.Rooms.TryGetValue(roomId, out var count))
        {
            entry.Rooms[roomId] = count + 1;
        }
        else
        {
            entry.Rooms[roomId] = 1;
            Index(_roomMunits, roomId).Add(entry);
        }

        return true;
    }

    /// <summary>Removes a station of <paramref name="roomId"/> from <paramref name="munitId"/>; false (no change) when there is none.</summary>
    public bool RemoveStation(string munitId, string roomId)
    {
        if (roomId is null || munitId is null || !_munits.TryGetValue(munitId, out var entry) || !entry.Rooms.TryGetValue(roomId, out var count))
        {
            return false;
        }

        Reorder(entry, () =>
        {
            entry.Stations = Math.Max(0, entry.Stations - 1);
            entry.Bitrate = Math.Max(0, entry.Bitrate - _limits.StationBitrate);
        });
        if (count > 1)
        {
            entry.Rooms[roomId] = count - 1;
        }
        else
        {
            entry.Rooms.Remove(roomId);
            Unindex(_roomMunits, roomId, entry);
        }

        return true;
    }

    /// <summary>Where a viewer's downlink to <paramref name="publisherId"/> on <paramref name="originMunitId"/> goes (<see cref="PlacementPolicy.PlaceDownlink"/>); changes nothing.</summary>
    public DownlinkPlacement PlaceDownlink(string originMunitId, string publisherId)
    {
        if (string.IsNullOrWhiteSpace(originMunitId) || string.IsNullOrWhiteSpace(publisherId))
        {
            return DownlinkPlacement.Invalid("originMunitId and publisherId are required.");
        }

        if (!_munits.TryGetValue(originMunitId, out var origin))
        {
            return DownlinkPlacement.Invalid($"munit '{originMunitId}' is unknown.");
        }

        if (origin.State == MunitState.Dead)
        {
            return DownlinkPlacement.Invalid($"munit '{originMunitId}' is dead; the publisher's station must be re-placed first.");
        }

        if (_limits.FitsDownlink(origin.Downlinks, origin.Bitrate))
        {
            return DownlinkPlacement.On(origin.Id, DownlinkRoute.Local);
        }

        if (_forwardMunits.TryGetValue(publisherId, out var forwarded))
        {
            Entry? best = null;
            foreach (var entry in forwarded)
            {
                if (entry.State == MunitState.Active && entry != origin && _limits.FitsDownlink(entry.Downlinks, entry.Bitrate) && (best is null || EntryOrder.Instance.Compare(entry, best) < 0))
                {
                    best = entry;
                }
            }

            if (best is not null)
            {
                return DownlinkPlacement.On(best.Id, DownlinkRoute.ExistingForward);
            }
        }

        foreach (var entry in _active)
        {
            if (entry != origin && _limits.FitsDownlink(entry.Downlinks, entry.Bitrate))
            {
                return DownlinkPlacement.On(entry.Id, DownlinkRoute.NewForward);
            }
        }

        return DownlinkPlacement.NoCapacity;
    }

    /// <summary>
    /// Records a downlink on <paramref name="munitId"/>; with <paramref name="forwardedPublisherId"/> it is served through
    /// that publisher's forward to this munit (created by its first viewer). False (no change) when the munit is unknown.
    /// </summary>
    public bool AddDownlink(string munitId, string? forwardedPublisherId = null) => AddDownlinks(munitId, 1, forwardedPublisherId);

    /// <summary>
    /// Records <paramref name="count"/> downlinks at once (viewers arriving together; the same as that many
    /// <see cref="AddDownlink"/> calls). False (no change) when the munit is unknown or <paramref name="count"/> is not positive.
    /// </summary>
    public bool AddDownlinks(string munitId, int count, string? forwardedPublisherId = null)
    {
        if (count <= 0 || munitId is null || !_munits.TryGetValue(munitId, out var entry))
        {
            return false;
        }

        Reorder(entry, () =>
        {
            entry.Downlinks += count;
            entry.Bitrate += count * _limits.DownlinkBitrate;
        });
        if (forwardedPublisherId is not null)
        {
            if (entry.Forwards.TryGetValue(forwardedPublisherId, out var viewers))
            {
                entry.Forwards[forwardedPublisherId] = viewers + count;
            }
            else
            {
                entry.Forwards[forwardedPublisherId] = count;
                Index(_forwardMunits, forwardedPublisherId).Add(entry);
            }
        }

        return true;
    }

    /// <summary>
    /// Sets what a munit reported it carries besides the stations this table counts itself: downlinks and media bit
    /// rate (in plus out). The bit rate used for placement is never below what the table's stations are expected to
    /// bring (<see cref="MunitCapacityLimits.StationBitrate"/> each), so stations placed since the last report count.
    /// False (no change) when the munit is unknown or a figure is negative.
    /// </summary>
    public bool SetLoad(string munitId, int downlinks, long bitrate)
    {
        if (downlinks < 0 || bitrate < 0 || munitId is null || !_munits.TryGetValue(munitId, out var entry))
        {
            return false;
        }

        Reorder(entry, () =>
        {
            entry.Downlinks = downlinks;
            entry.Bitrate = Math.Max(bitrate, entry.Stations * _limits.StationBitrate);
        });
        return true;
    }

    /// <summary>How many more downlinks fit on <paramref name="munitId"/> (0 when unknown or full).</summary>
    public int DownlinkHeadroom(string munitId)
    {
        if (munitId is null || !_munits.TryGetValue(munitId, out var entry))
        {
            return 0;
        }

        var byCount = (long)_limits.MaxDownlinks - entry.Downlinks;
        var byBitrate = _limits.DownlinkBitrate == 0 ? long.MaxValue : (_limits.MaxBitrate - entry.Bitrate) / _limits.DownlinkBitrate;
        return (int)Math.Clamp(Math.Min(byCount, byBitrate), 0, int.MaxValue);
    }

    /// <summary>
    /// Removes a downlink from <paramref name="munitId"/>; a forward goes when its last viewer leaves. False (no change)
    /// when the munit is unknown, holds no downlink, or has no forward of <paramref name="forwardedPublisherId"/>.
    /// </summary>
    public bool RemoveDownlink(string munitId, string? forwardedPublisherId = null) => RemoveDownlinks(munitId, 1, forwardedPublisherId);

    /// <summary>
    /// Removes <paramref name="count"/> downlinks at once; false (no change) when the munit is unknown, holds fewer, the
    /// forward has fewer viewers, or <paramref name="count"/> is not positive.
    /// </summary>
    public bool RemoveDownlinks(string munitId, int count, string? forwardedPublisherId = null)
    {
        if (count <= 0 || munitId is null || !_munits.TryGetValue(munitId, out var entry) || entry.Downlinks < count)
        {
            return false;
        }

        if (forwardedPublisherId is not null)
        {
            if (!entry.Forwards.TryGetValue(forwardedPublisherId, out var viewers) || viewers < count)
            {
                return false;
            }

            if (viewers > count)
            {
                entry.Forwards[forwardedPublisherId] = viewers - count;
            }
            else
            {
                entry.Forwards.Remove(forwardedPublisherId);
                Unindex(_forwardMunits, forwardedPublisherId, entry);
            }
        }

        Reorder(entry, () =>
        {
            entry.Downlinks -= count;
            entry.Bitrate = Math.Max(0, entry.Bitrate - (count * _limits.DownlinkBitrate));
        });
        return true;
    }

    /// <summary>Every munit as a snapshot (rooms and forwards are live views: read them before the next change).</summary>
    public IReadOnlyList<MunitSnapshot> Snapshot()
    {
        var list = new List<MunitSnapshot>(_munits.Count);
        foreach (var entry in _munits.Values)
        {
            list.Add(new MunitSnapshot(entry.Id, entry.State, entry.Stations, entry.Downlinks, entry.Bitrate, entry.Rooms.Keys, entry.Forwards.Keys));
        }

        return list;
    }

    private void Reorder(Entry entry, Action change)
    {
        _active.Remove(entry);
        change();
        entry.Utilisation = _limits.Utilisation(entry.Stations, entry.Downlinks, entry.Bitrate);
        if (entry.State == MunitState.Active)
        {
            _active.Add(entry);
        }
    }

    private static List<Entry> Index(Dictionary<string, List<Entry>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = new List<Entry>(1);
            index.Add(key, list);
        }

        return list;
    }

    private static void Unindex(Dictionary<string, List<Entry>> index, string key, Entry entry)
    {
        if (index.TryGetValue(key, out var list))
        {
            list.Remove(entry);
            if (list.Count == 0)
            {
                index.Remove(key);
            }
        }
    }

    private sealed class Entry(string id)
    {
        public string Id { get; } = id;

        public MunitState State { get; set; }

        public int Stations { get; set; }

        public int Downlinks { get; set; }

        public long Bitrate { get; set; }

        public double Utilisation { get; set; }

        public Dictionary<string, int> Rooms { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Forwards { get; } = new(StringComparer.Ordinal);
    }

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var byLoad = x.Utilisation.CompareTo(y.Utilisation);
            return byLoad != 0 ? byLoad : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
