namespace Tributary.Media.Munits;

/// <summary>One report of a munit's regulator to its <see cref="IMunitGrain"/>.</summary>
/// <param name="MunitId">The munit (<see cref="MunitOptions.Id"/>).</param>
/// <param name="Host">The machine the munit runs on.</param>
/// <param name="MediaAddress">The address Janus advertises for media (<c>Media:Janus:NatOneToOneMapping</c>, else <c>Interface</c>); null when unset.</param>
/// <param name="Janus">Janus's health now.</param>
/// <param name="JanusRestarts">How many times Janus died or stopped answering and the regulator set out to restart it, since the munit started.</param>
/// <param name="JanusProcessId">The running Janus's process id, when one runs.</param>
/// <param name="Load">What Janus holds; null when Janus could not be asked (not healthy, or the admin API failed).</param>
/// <param name="Capacity">The configured capacity.</param>
/// <param name="At">When the regulator made the report.</param>
/// <param name="SilentAfter">After how long without a report the munit should be taken for silent (dead or cut off).</param>
/// <param name="Sequence">Increases with every report of one regulator; older reports arriving late are ignored.</param>
/// <param name="Engine">The munit's engine (an observer on the munit's silo) for rooms placed on it; null once it stops.</param>
[GenerateSerializer, Immutable]
public sealed record MunitReport(
    [property: Id(0)] string MunitId,
    [property: Id(1)] string Host,
    [property: Id(2)] string? MediaAddress,
    [property: Id(3)] JanusHealth Janus,
    [property: Id(4)] int JanusRestarts,
    [property: Id(5)] int? JanusProcessId,
    [property: Id(6)] MunitLoad? Load,
    [property: Id(7)] MunitCapacity Capacity,
    [property: Id(8)] DateTimeOffset At,
    [property: Id(9)] TimeSpan SilentAfter,
    [property: Id(10)] long Sequence,
    [property: Id(11)] IMunitEngine? Engine = null);
