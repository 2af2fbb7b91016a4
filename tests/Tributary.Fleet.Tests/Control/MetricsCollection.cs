namespace Tributary.Fleet.Tests.Control;

/// <summary>
/// Tests that scrape <c>/metrics</c> run alone: OpenTelemetry listens to meters by name across the whole test
/// process, so fleet hosts of tests running in parallel would add their counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fleet metrics";
}
