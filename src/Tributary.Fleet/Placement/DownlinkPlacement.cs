namespace Tributary.Fleet.Placement;

/// <summary>Where a viewer's downlink to one publisher goes.</summary>
/// <param name="Outcome">Placed, no capacity, or invalid input.</param>
/// <param name="MunitId">The munit the viewer subscribes on when placed.</param>
/// <param name="Route">Local, through an existing forward, or through a new one.</param>
/// <param name="Error">Why the input was refused when <see cref="PlacementOutcome.Invalid"/>.</param>
public sealed record DownlinkPlacement(PlacementOutcome Outcome, string? MunitId, DownlinkRoute Route, string? Error)
{
    /// <summary>Neither the origin nor any active munit can take the downlink.</summary>
    public static readonly DownlinkPlacement NoCapacity = new(PlacementOutcome.NoCapacity, null, DownlinkRoute.None, null);

    /// <summary>The downlink goes to <paramref name="munitId"/> by <paramref name="route"/>.</summary>
    public static DownlinkPlacement On(string munitId, DownlinkRoute route) => new(PlacementOutcome.Placed, munitId, route, null);

    /// <summary>The input was malformed.</summary>
    public static DownlinkPlacement Invalid(string error) => new(PlacementOutcome.Invalid, null, DownlinkRoute.None, error);

    /// <summary>True when the viewer is served through a forward from the publisher's munit.</summary>
    public bool IsCascade => Route is DownlinkRoute.ExistingForward or DownlinkRoute.NewForward;
}
