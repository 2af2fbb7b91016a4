namespace Tributary.Media.Munits;

/// <summary>A munit as the control role sees it: its last report and whether it has gone silent.</summary>
/// <param name="MunitId">The munit.</param>
/// <param name="Last">The newest report; null when none arrived since the grain activated.</param>
/// <param name="ReceivedAt">When <paramref name="Last"/> arrived (the grain's clock).</param>
/// <param name="Silent">No report for longer than the munit's own <see cref="MunitReport.SilentAfter"/> (or none at all).</param>
/// <param name="Reports">Reports received since the grain activated.</param>
[GenerateSerializer, Immutable]
public sealed record MunitStatus(
    [property: Id(0)] string MunitId,
    [property: Id(1)] MunitReport? Last,
    [property: Id(2)] DateTimeOffset? ReceivedAt,
    [property: Id(3)] bool Silent,
    [property: Id(4)] long Reports);
