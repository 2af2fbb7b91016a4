namespace Tributary.Fleet.Placement;

/// <summary>How a placement question was answered.</summary>
public enum PlacementOutcome
{
    /// <summary>A munit was chosen.</summary>
    Placed,

    /// <summary>No active munit has room: the caller refuses (or waits for the autoscaler); nothing changed.</summary>
    NoCapacity,

    /// <summary>The question was malformed (see the error); nothing changed.</summary>
    Invalid,
}
