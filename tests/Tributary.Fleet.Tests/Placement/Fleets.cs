using Tributary.Fleet.Placement;

namespace Tributary.Fleet.Tests.Placement;

/// <summary>Small fleets for placement tests: 10 stations, 4 downlinks, 100 Mb/s per munit; 1 Mb/s per station or downlink.</summary>
internal static class Fleets
{
    public static readonly MunitCapacityLimits Limits = new(MaxStations: 10, MaxDownlinks: 4, MaxBitrate: 100_000_000, StationBitrate: 1_000_000, DownlinkBitrate: 1_000_000);

    public static MunitSnapshot Munit(string id, int stations = 0, int downlinks = 0, long bitrate = 0, MunitState state = MunitState.Active, string[]? rooms = null, string[]? forwards = null) =>
        new(id, state, stations, downlinks, bitrate, rooms ?? [], forwards ?? []);
}
