using System.Collections.Immutable;

namespace Tributary.Media.Munits;

/// <summary>
/// The list of known munits (one grain, key <see cref="Key"/>): munits join it on their first report; the control
/// role lists them from here. Persisted in the default grain storage, so it outlives the silo it runs on.
/// </summary>
public interface IMunitRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The one registry's key.</summary>
    public const long Key = 0;

    /// <summary>Adds a munit (idempotent).</summary>
    Task RegisterAsync(string munitId);

    /// <summary>Forgets a munit (e.g. one that was scaled away); answers false when it was not listed.</summary>
    Task<bool> RemoveAsync(string munitId);

    /// <summary>Every registered munit's status, ordered by id.</summary>
    Task<ImmutableArray<MunitStatus>> ListAsync();

    /// <summary>
    /// The munit carrying <paramref name="roomId"/>'s media: the one chosen before while it stays healthy and
    /// reporting, else the healthy, reporting munit with the lowest share of its station capacity in use (then by id).
    /// Null when no munit can take it. Placement proper (cascading, drain) is the fleet's; this keeps a room on one munit.
    /// </summary>
    Task<MunitPlacement?> PlaceRoomAsync(string roomId);

    /// <summary>The room's munit if one was chosen and still reports (no new choice); null otherwise.</summary>
    Task<MunitPlacement?> FindRoomAsync(string roomId);

    /// <summary>Forgets a room's munit (the room ended).</summary>
    Task ForgetRoomAsync(string roomId);
}
