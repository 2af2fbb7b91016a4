namespace Tributary.Bench.Fleet;

/// <summary>
/// A synthetic day shaped like a social video app's traffic: a night trough, a lunchtime bump and an evening peak
/// (not a recorded trace: none is available here). Values are fractions of the peak, 1.0 at the evening peak.
/// </summary>
internal static class DayCurve
{
    private static readonly double Max = Enumerable.Range(0, 24 * 60).Max(m => Raw(m / 60.0));

    public static double At(double hour) => Raw(hour) / Max;

    private static double Raw(double hour) => 0.08 + (0.35 * Bump(hour, 12.5, 2.5)) + (0.95 * Bump(hour, 21.0, 2.2));

    private static double Bump(double hour, double centre, double width)
    {
        var d = Math.Abs(hour - centre);
        d = Math.Min(d, 24 - d);
        return Math.Exp(-0.5 * (d / width) * (d / width));
    }
}
