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
}
