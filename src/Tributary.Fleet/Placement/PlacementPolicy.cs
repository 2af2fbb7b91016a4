namespace Tributary.Fleet.Placement;

/// <summary>
/// The placement rules as pure functions over a list of munit snapshots (one full scan per decision). The registry's
/// incremental <see cref="PlacementTable"/> gives the same answers faster; this is the reference it is tested against.
/// </summary>
public static class PlacementPolicy
{
    /// <summary>
    /// Picks the munit for a new station of <paramref name="roomId"/>: the least-loaded active munit that already holds
    /// one of the room's stations and has room for one more (room affinity keeps a room together while it fits), else
    /// the least-loaded active munit with room. Never a draining or dead munit. Ties go to the smaller munit id.
    /// </summary>
    public static StationPlacement PlaceStation(IReadOnlyList<MunitSnapshot> munits, string roomId, MunitCapacityLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(roomId))
        {
            return StationPlacement.Invalid("roomId is required.");
        }

        if (Problem(munits) is { } problem)
        {
            return StationPlacement.Invalid(problem);
        }

        MunitSnapshot? withRoom = null;
        MunitSnapshot? any = null;
        foreach (var munit in munits)
        {
            if (munit.State != MunitState.Active || !limits.FitsStation(munit.Stations, munit.Bitrate))
            {
                continue;
            }

            if (Lighter(munit, any, limits))
            {
                any = munit;
            }

            if (munit.Rooms.Contains(roomId) && Lighter(munit, withRoom, limits))
            {
                withRoom = munit;
            }
        }

        return withRoom is not null ? StationPlacement.On(withRoom.MunitId, byAffinity: true)
            : any is not null ? StationPlacement.On(any.MunitId, byAffinity: false)
            : StationPlacement.NoCapacity;
    }

    /// <summary>
    /// Picks the munit for a viewer's downlink to <paramref name="publisherId"/>, whose station is on
    /// <paramref name="originMunitId"/>: the origin itself when it is alive (active or draining: a draining munit
    /// still serves its stations) and has room; else a cascade target, an active munit other than the origin with
    /// room, preferring the least-loaded one that already receives a forward of the publisher, then the least-loaded
    /// of all. A dead origin is invalid input: its stations must be re-placed first.
    /// </summary>
    public static DownlinkPlacement PlaceDownlink(IReadOnlyList<MunitSnapshot> munits, string originMunitId, string publisherId, MunitCapacityLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(originMunitId) || string.IsNullOrWhiteSpace(publisherId))
        {
            return DownlinkPlacement.Invalid("originMunitId and publisherId are required.");
        }

        if (Problem(munits) is { } problem)
        {
            return DownlinkPlacement.Invalid(problem);
        }

        var origin = munits.FirstOrDefault(m => m.MunitId == originMunitId);
        if (origin is null)
        {
            return DownlinkPlacement.Invalid($"munit '{originMunitId}' is unknown.");
        }

        if (origin.State == MunitState.Dead)
        {
            return DownlinkPlacement.Invalid($"munit '{originMunitId}' is dead; the publisher's station must be re-placed first.");
        }

        if (limits.FitsDownlink(origin.Downlinks, origin.Bitrate))
        {
            return DownlinkPlacement.On(origin.MunitId, DownlinkRoute.Local);
        }

        MunitSnapshot? forwarded = null;
        MunitSnapshot? any = null;
        foreach (var munit in munits)
        {
            if (munit.State != MunitState.Active || munit.MunitId == originMunitId || !limits.FitsDownlink(munit.Downlinks, munit.Bitrate))
            {
                continue;
            }

            if (Lighter(munit, any, limits))
            {
                any = munit;
            }

            if (munit.Forwards.Contains(publisherId) && Lighter(munit, forwarded, limits))
            {
                forwarded = munit;
            }
        }

        return forwarded is not null ? DownlinkPlacement.On(forwarded.MunitId, DownlinkRoute.ExistingForward)
            : any is not null ? DownlinkPlacement.On(any.MunitId, DownlinkRoute.NewForward)
            : DownlinkPlacement.NoCapacity;
    }

    /// <summary>Why a snapshot list cannot be used (null entries, blank or repeated ids, negative figures); null when it is fine.</summary>
    public static string? Problem(IReadOnlyList<MunitSnapshot>? munits)
    {
        if (munits is null)
        {
            return "munits is required.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var munit in munits)
        {
            if (munit is null || string.IsNullOrWhiteSpace(munit.MunitId))
            {
                return "every munit needs an id.";
            }

            if (!seen.Add(munit.MunitId))
            {
                return $"munit '{munit.MunitId}' appears twice.";
            }

            if (munit.Stations < 0 || munit.Downlinks < 0 || munit.Bitrate < 0)
            {
                return $"munit '{munit.MunitId}' has a negative load.";
            }

            if (!Enum.IsDefined(munit.State))
            {
                return $"munit '{munit.MunitId}' has an unknown state.";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="candidate"/> is less loaded than <paramref name="best"/> (or ties with a smaller id).</summary>
    internal static bool Lighter(MunitSnapshot candidate, MunitSnapshot? best, MunitCapacityLimits limits)
    {
        if (best is null)
        {
            return true;
        }

        var c = limits.Utilisation(candidate.Stations, candidate.Downlinks, candidate.Bitrate);
        var b = limits.Utilisation(best.Stations, best.Downlinks, best.Bitrate);
        return c < b || (c == b && string.CompareOrdinal(candidate.MunitId, best.MunitId) < 0);
    }
}
