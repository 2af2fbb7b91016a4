using System.Diagnostics;
using Tributary.Fleet.Placement;

namespace Tributary.Bench.Fleet;

/// <summary>
/// Placement decisions per second with many munits and rooms: the indexed <see cref="PlacementTable"/> against the
/// reference <see cref="PlacementPolicy"/> (a full scan of every munit per decision) on the same fleet and queries.
/// </summary>
internal static class PlacementBench
{
    public static void Run(int munits, int rooms, int decisions)
    {
        // Twice the default capacity so that 100,000 one-station rooms fill 1,000 munits to a half.
        var limits = new MunitCapacityLimits(MaxStations: 2 * ((rooms / munits) + 1), MaxDownlinks: 600, MaxBitrate: 100_000_000_000, StationBitrate: 1_500_000, DownlinkBitrate: 1_500_000);
        var table = new PlacementTable(limits);
        for (var i = 0; i < munits; i++)
        {
            table.Add($"munit-{i:D5}");
        }

        var random = new Random(42);
        var roomIds = new string[rooms];
        var roomMunit = new string[rooms];
        for (var i = 0; i < rooms; i++)
        {
            roomIds[i] = $"room-{i:D7}";
            var placed = table.PlaceStation(roomIds[i]);
            table.AddStation(placed.MunitId!, roomIds[i]);
            roomMunit[i] = placed.MunitId!;
            for (var v = 0; v < 2; v++)
            {
                var downlink = table.PlaceDownlink(roomMunit[i], roomIds[i]);
                table.AddDownlink(downlink.MunitId!, downlink.IsCascade ? roomIds[i] : null);
            }
        }

        // Half the queries for rooms already placed (affinity), half for new rooms.
        var queries = new string[decisions];
        var origins = new string[decisions];
        for (var i = 0; i < decisions; i++)
        {
            var existing = random.Next(rooms);
            queries[i] = i % 2 == 0 ? roomIds[existing] : $"new-{i:D7}";
            origins[i] = roomMunit[existing];
        }

        Console.WriteLine($"Fleet: {table.Count:N0} munits, {rooms:N0} rooms with one station and two downlinks each; {decisions:N0} decisions (half existing rooms, half new).");
        var snapshot = table.Snapshot();
        var scanDecisions = Math.Max(1, decisions / 100);

        var tableStations = Measure(decisions, i => table.PlaceStation(queries[i]).Outcome);
        var scanStations = Measure(scanDecisions, i => PlacementPolicy.PlaceStation(snapshot, queries[i], limits).Outcome);
        var tableDownlinks = Measure(decisions, i => table.PlaceDownlink(origins[i], queries[i]).Outcome);
        var scanDownlinks = Measure(scanDecisions, i => PlacementPolicy.PlaceDownlink(snapshot, origins[i], queries[i], limits).Outcome);
        var churn = Measure(decisions, i =>
        {
            var placed = table.PlaceStation(queries[i]);
            table.AddStation(placed.MunitId!, queries[i]);
            table.RemoveStation(placed.MunitId!, queries[i]);
            return placed.Outcome;
        });

        Console.WriteLine();
        Console.WriteLine("| decision | PlacementTable (indexed) | PlacementPolicy (full scan, baseline) | ratio |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| station (room affinity or least-loaded) | {Rate(tableStations)} | {Rate(scanStations)} | {tableStations / scanStations:N0}× |");
        Console.WriteLine($"| viewer downlink (local or cascade) | {Rate(tableDownlinks)} | {Rate(scanDownlinks)} | {tableDownlinks / scanDownlinks:N0}× |");
        Console.WriteLine($"| station place + commit + release | {Rate(churn)} | – | – |");
    }

    private static double Measure(int count, Func<int, PlacementOutcome> decide)
    {
        // Warm-up (JIT, caches), then the timed run.
        var warm = Math.Min(count, 1000);
        for (var i = 0; i < warm; i++)
        {
            decide(i);
        }

        var placed = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (decide(i) == PlacementOutcome.Placed)
            {
                placed++;
            }
        }

        watch.Stop();
        if (placed != count)
        {
            throw new InvalidOperationException($"{count - placed} of {count} decisions were not placed.");
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static string Rate(double perSecond) => $"{perSecond:N0}/s ({1e6 / perSecond:N2} µs)";
}
