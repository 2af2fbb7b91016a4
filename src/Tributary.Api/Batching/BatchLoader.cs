using GraphQL.DataLoader;

namespace Tributary.Api.Batching;

/// <summary>
/// A per-request batch loader: sibling fields ask for keys through <see cref="Load"/>, GraphQL.NET's
/// execution strategy collects the returned <see cref="IDataLoaderResult"/>s of a level, and the first
/// one awaited loads every key asked so far in one call (one query for a whole list, no N+1). Results
/// are cached for the rest of the request.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _batchOf = [];

    /// <summary>How many batches ran (tests assert one per list).</summary>
    public int Batches { get; private set; }

    /// <summary>Queues <paramref name="key"/>; the value (default when absent) arrives with the batch.</summary>
    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batchOf.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }

        return new Result(this, key);
    }

    /// <summary>Queues <paramref name="key"/>; the batch's value, mapped by <paramref name="map"/>.</summary>
    public IDataLoaderResult<TResult> Load<TResult>(TKey key, Func<TValue?, TResult> map)
    {
        var inner = Load(key);
        return new Mapped<TResult>(inner, map);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TValue>> batch;
        lock (_gate)
        {
            if (!_batchOf.TryGetValue(key, out batch!))
            {
                _pending.Add(key);
                var keys = _pending.ToList();
                _pending.Clear();
                batch = load(keys, cancellationToken);
                Batches++;
                foreach (var k in keys)
                {
                    _batchOf[k] = batch;
                }
            }
        }

        var values = await batch.ConfigureAwait(false);
        return values.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Mapped<TResult>(IDataLoaderResult<TValue?> inner, Func<TValue?, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
