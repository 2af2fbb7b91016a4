namespace Tributary.Fleet.Registry;

/// <summary>Why a lifecycle command changed nothing.</summary>
public enum FleetCommandError
{
    /// <summary>The command was applied.</summary>
    None,
    /// <summary>No munit has this id.</summary>
    NotFound,
    /// <summary>The munit is already in the state asked for (or a stopped munit was asked to drain).</summary>
    Conflict,
}
