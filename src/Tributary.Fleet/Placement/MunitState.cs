namespace Tributary.Fleet.Placement;

/// <summary>Where a munit stands in the fleet's lifecycle.</summary>
public enum MunitState
{
    /// <summary>Takes new stations and downlinks.</summary>
    Active,

    /// <summary>Takes no new stations; its existing stations run until they end (and keep serving their viewers).</summary>
    Draining,

    /// <summary>Silent for longer than <see cref="FleetOptions.DeadAfter"/>, or stopped: takes nothing.</summary>
    Dead,
}
