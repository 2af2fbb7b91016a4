using System.Globalization;

namespace Tributary.Bench.Graph;

/// <summary>The figures of one <see cref="LoadLoop"/> run.</summary>
public sealed record LoadResult(string Name, int Requests, int Failures, double RequestsPerSecond, double P50Ms, double P99Ms)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Requests} | {Failures} | {RequestsPerSecond:F0} | {P50Ms:F2} | {P99Ms:F2} |");
}
