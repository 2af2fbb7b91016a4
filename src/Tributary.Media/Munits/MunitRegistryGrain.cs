using System.Collections.Immutable;

namespace Tributary.Media.Munits;

/// <summary>
/// The set of known munit ids, persisted; statuses are read from each <see cref="IMunitGrain"/> when listed. Room
/// placements are kept in memory: a registry that moves loses them, and rooms are placed again on their next call.
/// </summary>
internal sealed class MunitRegistryGrain([PersistentState("munits")] IPersistentState<MunitRegistryState> state) : Grain, IMunitRegistryGrain
{
    private readonly Dictionary<string, string> _rooms = new(StringComparer.Ordinal);

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

    public async Task<MunitPlacement?> PlaceRoomAsync(string roomId)
    {
        if (await FindRoomAsync(roomId) is { } placed)
        {
            return placed;
        }

        var chosen = (await ListAsync())
            .Where(Usable)
            .Where(s => (s.Last!.Load?.Stations ?? 0) < s.Last.Capacity.MaxStations)
            .OrderBy(s => (double)(s.Last!.Load?.Stations ?? 0) / s.Last.Capacity.MaxStations)
            .ThenBy(s => s.MunitId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        _rooms[roomId] = chosen.MunitId;
        return new MunitPlacement(chosen.MunitId, chosen.Last!.Engine!);
    }

    public async Task<MunitPlacement?> FindRoomAsync(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var munitId))
        {
            return null;
        }

        var status = await GrainFactory.GetGrain<IMunitGrain>(munitId).GetStatusAsync();
        if (!Usable(status))
        {
            _rooms.Remove(roomId);
            return null;
        }

        return new MunitPlacement(munitId, status.Last!.Engine!);
    }

    public Task ForgetRoomAsync(string roomId)
    {
        _rooms.Remove(roomId);
        return Task.CompletedTask;
    }

    private static bool Usable(MunitStatus status) => !status.Silent && status.Last is { Janus: JanusHealth.Healthy, Engine: not null };
}
