namespace Tributary.Fleet.Registry;

/// <summary>The answer to Drain, Revive or Stop: the munit after the change, or the error and nothing changed.</summary>
/// <param name="Error"><see cref="FleetCommandError.None"/> when applied.</param>
/// <param name="Message">What went wrong, for the caller (null when applied).</param>
/// <param name="Munit">The munit after the command (null when not found).</param>
[GenerateSerializer, Immutable]
public sealed record FleetCommandResult(
    [property: Id(0)] FleetCommandError Error,
    [property: Id(1)] string? Message,
    [property: Id(2)] MunitView? Munit)
{
    /// <summary>True when the command was applied.</summary>
    public bool IsSuccess => Error == FleetCommandError.None;
}
