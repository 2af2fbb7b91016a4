namespace Tributary.Fleet.Registry;

/// <summary>
/// The control side of the munit registry (same grain and key as <c>IMunitRegistryGrain</c>): lifecycle commands,
/// the admin listing, and the sweep the control role runs every <see cref="FleetOptions.SweepInterval"/>.
/// </summary>
public interface IFleetGrain : IGrainWithIntegerKey
{
    /// <summary>Every known munit, by id.</summary>
    Task<IReadOnlyList<MunitView>> MunitsAsync();

    /// <summary>Drain: no new stations; existing ones run until they end. NotFound / Conflict (already draining, or stopped) change nothing.</summary>
    /// <param name="munitId">The munit.</param>
    /// <param name="byAutoscaler">
    /// True when the autoscaler drains it (scale-in), which may revive it again when load rises; false (an operator's
    /// drain) keeps it draining until an operator revives it.
    /// </param>
    Task<FleetCommandResult> DrainAsync(string munitId, bool byAutoscaler = false);

    /// <summary>Revive a draining or stopped munit: it takes new stations again. Conflict when already active.</summary>
    Task<FleetCommandResult> ReviveAsync(string munitId);

    /// <summary>Stop: out of service now; its stations are re-placed and their sessions get RESTART at the next sweep. Conflict when already stopped.</summary>
    Task<FleetCommandResult> StopAsync(string munitId);

    /// <summary>
    /// Assign: the room's stations go to <paramref name="munitId"/> — the ones elsewhere move there now (their room
    /// gets RESTART at the next sweep) and new ones are placed there while it is active and has room (else as usual).
    /// NotFound for an unknown munit; Conflict when it is not active or cannot take the room's stations; nothing changes then.
    /// </summary>
    Task<FleetCommandResult> AssignRoomAsync(string roomId, string munitId);

    /// <summary>Unassign: the room is placed as usual again; its stations stay where they are. NotFound when the room has no assignment.</summary>
    Task<FleetCommandResult> UnassignRoomAsync(string roomId);

    /// <summary>Applies liveness (silent munits die, their stations are re-placed) and hands over what happened since the last sweep.</summary>
    Task<FleetSweep> SweepAsync();

    /// <summary>Every forward of the cascade (publisher station → another munit), for administration and tests.</summary>
    Task<IReadOnlyList<Cascading.CascadeForward>> ForwardsAsync();
}
