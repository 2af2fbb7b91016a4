using Tributary.Fleet.Placement;

namespace Tributary.Fleet.Cascading;

/// <summary>What <see cref="DownlinkTable.Place"/> decided for one viewer's downlink of one publisher.</summary>
/// <param name="Outcome">Placed, no capacity, or invalid input (then <paramref name="Error"/> says why and nothing changed).</param>
/// <param name="MunitId">The munit serving the downlink when placed.</param>
/// <param name="Forward">The forward carrying the publisher there when cascaded, else null.</param>
/// <param name="Created">True when this downlink created <paramref name="Forward"/> (its first viewer).</param>
/// <param name="ReplacedMunitId">The munit of the viewer's previous downlink of the publisher when it moved, else null.</param>
/// <param name="Removed">Forwards that lost their last viewer through the move.</param>
/// <param name="Error">Why the input was refused.</param>
public sealed record DownlinkDecision(
    PlacementOutcome Outcome,
    string? MunitId,
    CascadeForward? Forward,
    bool Created,
    string? ReplacedMunitId,
    IReadOnlyList<CascadeForward> Removed,
    string? Error)
{
    /// <summary>A refusal of malformed input.</summary>
    public static DownlinkDecision Invalid(string error) => new(PlacementOutcome.Invalid, null, null, false, null, [], error);
}
