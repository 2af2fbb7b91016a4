using System.Globalization;
using Tributary.Bench.Fleet;

// Fleet placement and autoscaling without media.
// Usage: dotnet bench/Tributary.Bench.Fleet/bin/Release/net10.0/Tributary.Bench.Fleet.dll [placement|day|all]
//   [--munits 1000] [--rooms 100000] [--decisions 200000] [--peak-sessions 1000000] [--room-minutes 30] [--max-munits 20000]
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";

if (mode is "placement" or "all")
{
    PlacementBench.Run((int)Arg("--munits", 1000), (int)Arg("--rooms", 100_000), (int)Arg("--decisions", 200_000));
}

if (mode is "day" or "all")
{
    DaySimulation.Report(Arg("--peak-sessions", 1_000_000), Arg("--room-minutes", 30), (int)Arg("--max-munits", 20_000));
}

long Arg(string name, long fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
