using GraphQL;

namespace Tributary.Api.Batching;

/// <summary>Request-scoped batch loaders, kept in the request's user context.</summary>
public static class BatchContextExtensions
{
    /// <summary>The loader named <paramref name="name"/> of this request, created on first use.</summary>
    public static BatchLoader<TKey, TValue> Batch<TKey, TValue>(
        this IResolveFieldContext context,
        string name,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        var bag = context.UserContext;
        var key = "batch:" + name;
        lock (bag)
        {
            if (bag.TryGetValue(key, out var existing) && existing is BatchLoader<TKey, TValue> loader)
            {
                return loader;
            }

            var created = new BatchLoader<TKey, TValue>(load);
            bag[key] = created;
            return created;
        }
    }
}
