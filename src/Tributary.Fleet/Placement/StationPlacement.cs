namespace Tributary.Fleet.Placement;

/// <summary>Where a new station goes.</summary>
/// <param name="Outcome">Placed, no capacity, or invalid input.</param>
/// <param name="MunitId">The chosen munit when <see cref="PlacementOutcome.Placed"/>.</param>
/// <param name="ByAffinity">True when the munit already held a station of the same room.</param>
/// <param name="Error">Why the input was refused when <see cref="PlacementOutcome.Invalid"/>.</param>
public sealed record StationPlacement(PlacementOutcome Outcome, string? MunitId, bool ByAffinity, string? Error)
{
    /// <summary>No active munit can take the station.</summary>
    public static readonly StationPlacement NoCapacity = new(PlacementOutcome.NoCapacity, null, false, null);

    /// <summary>The station goes to <paramref name="munitId"/>.</summary>
    public static StationPlacement On(string munitId, bool byAffinity) => new(PlacementOutcome.Placed, munitId, byAffinity, null);

    /// <summary>The input was malformed.</summary>
    public static StationPlacement Invalid(string error) => new(PlacementOutcome.Invalid, null, false, error);
}
