using System.Collections.Immutable;
using Tributary.Media.Munits;

namespace Tributary.Media.Cascading;

/// <summary>
/// The registry's answer to a WATCH: which munit serves the viewer's downlink of a publisher and, when that is not
/// the publisher's own munit, the forward that carries the publisher there.
/// </summary>
/// <param name="Code">200 placed; 2001 bad input; 4024 the publisher has no station on a live munit; 500 no munit has room.</param>
/// <param name="Message">Why, when not placed.</param>
/// <param name="Munit">The munit the viewer subscribes on.</param>
/// <param name="Origin">The munit of the publisher's station (the same as <paramref name="Munit"/> unless cascaded).</param>
/// <param name="ForwardId">The forward's id when cascaded (the remote id on the origin), else null.</param>
/// <param name="ForwardReady">False when the forward still has to be set up (idempotently) and confirmed by the caller.</param>
/// <param name="Replaced">The munit of the viewer's previous downlink of this publisher when this WATCH moved it, else null.</param>
/// <param name="Teardowns">Forwards that lost their last viewer through the move.</param>
[GenerateSerializer, Immutable]
public sealed record DownlinkAssignment(
    [property: Id(0)] int Code,
    [property: Id(1)] string? Message,
    [property: Id(2)] MunitPlacement? Munit,
    [property: Id(3)] MunitPlacement? Origin,
    [property: Id(4)] string? ForwardId,
    [property: Id(5)] bool ForwardReady,
    [property: Id(6)] MunitPlacement? Replaced,
    [property: Id(7)] ImmutableArray<ForwardTeardown> Teardowns)
{
    /// <summary>True when the viewer is served through a forward.</summary>
    public bool IsCascade => ForwardId is not null;

    /// <summary>A refusal.</summary>
    public static DownlinkAssignment Fail(int code, string message) => new(code, message, null, null, null, false, null, []);
}
