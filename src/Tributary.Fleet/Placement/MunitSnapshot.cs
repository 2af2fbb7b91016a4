namespace Tributary.Fleet.Placement;

/// <summary>One munit as placement and the autoscaler see it.</summary>
/// <param name="MunitId">The munit (its <c>MunitGrain</c> key).</param>
/// <param name="State">Active, draining or dead.</param>
/// <param name="Stations">Publisher uplinks it holds.</param>
/// <param name="Downlinks">Viewer subscriptions it holds (local ones and ones served through a forward).</param>
/// <param name="Bitrate">Media bit rate in plus out, bits per second.</param>
/// <param name="Rooms">Rooms with at least one station here (room affinity). Empty when unknown.</param>
/// <param name="Forwards">Publishers (station ids) forwarded here from their origin munit (cascades). Empty when none.</param>
public sealed record MunitSnapshot(
    string MunitId,
    MunitState State,
    int Stations,
    int Downlinks,
    long Bitrate,
    IReadOnlyCollection<string> Rooms,
    IReadOnlyCollection<string> Forwards)
{
    /// <summary>A munit with no rooms and no forwards.</summary>
    public MunitSnapshot(string munitId, MunitState state, int stations, int downlinks, long bitrate)
        : this(munitId, state, stations, downlinks, bitrate, [], [])
    {
    }

    /// <summary>
    /// Draining on an operator's command: the autoscaler does not revive it when load rises (only an operator does);
    /// it still stops it once empty. False for active and dead munits and for munits the autoscaler drained.
    /// </summary>
    public bool DrainedByOperator { get; init; }

    /// <summary>True when it holds no stations and no downlinks (a draining munit may stop).</summary>
    public bool IsEmpty => Stations == 0 && Downlinks == 0;
}
