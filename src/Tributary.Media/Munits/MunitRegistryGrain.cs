using System.Collections.Immutable;

namespace Tributary.Media.Munits;

/// <summary>The set of known munit ids, persisted; statuses are read from each <see cref="IMunitGrain"/> when listed.</summary>
internal sealed class MunitRegistryGrain([PersistentState("munits")] IPersistentState<MunitRegistryState> state) : Grain, IMunitRegistryGrain
{
    public async Task RegisterAsync(string munitId)
    {
        ArgumentException.ThrowIfNullOrEmpty(munitId);
        if (state.State.MunitIds.Add(munitId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> RemoveAsync(string munitId)
    {
        if (!state.State.MunitIds.Remove(munitId))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public async Task<ImmutableArray<MunitStatus>> ListAsync()
    {
        var ids = state.State.MunitIds.Order(StringComparer.Ordinal).ToList();
        var statuses = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IMunitGrain>(id).GetStatusAsync()));
        return [.. statuses];
    }
}
