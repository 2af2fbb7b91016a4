using ScottPlot;

namespace Tributary.Bench.Fleet;

/// <summary>
/// The simulated day as a PNG: concurrent sessions on the left axis, the autoscaled fleet beside the perfectly packed
/// fleet (load ÷ capacity) and that fleet at the target utilisation on the right axis, over the hours of the day.
/// </summary>
internal static class DayPlot
{
    public static void Save(IReadOnlyList<DayMinute> day, double targetUtilisation, string path)
    {
        var hours = day.Select(m => m.Minute / 60.0).ToArray();
        var plot = new Plot();
        plot.Title("Simulated day: sessions and the autoscaled munit fleet");
        plot.XLabel("hour of the day");
        plot.Axes.Left.Label.Text = "concurrent sessions";
        plot.Axes.Right.Label.Text = "munits";

        var sessions = plot.Add.ScatterLine(hours, day.Select(m => (double)m.Sessions).ToArray());
        sessions.LegendText = "sessions (left axis)";
        sessions.LineWidth = 2;
        sessions.Color = Colors.Gray;

        var fleet = plot.Add.ScatterLine(hours, day.Select(m => (double)m.Munits).ToArray());
        fleet.LegendText = "munits running (autoscaler)";
        fleet.LineWidth = 2;
        fleet.Color = Colors.Blue;
        fleet.Axes.YAxis = plot.Axes.Right;

        var atTarget = plot.Add.ScatterLine(hours, day.Select(m => m.Demand / targetUtilisation).ToArray());
        atTarget.LegendText = $"load ÷ capacity at target utilisation {targetUtilisation}";
        atTarget.LinePattern = LinePattern.Dashed;
        atTarget.Color = Colors.Green;
        atTarget.Axes.YAxis = plot.Axes.Right;

        var ideal = plot.Add.ScatterLine(hours, day.Select(m => m.Demand).ToArray());
        ideal.LegendText = "load ÷ capacity (ideal)";
        ideal.LinePattern = LinePattern.Dotted;
        ideal.Color = Colors.Orange;
        ideal.Axes.YAxis = plot.Axes.Right;

        plot.Axes.SetLimitsX(0, 24);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(3);
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.SavePng(path, 1000, 560);
    }
}
