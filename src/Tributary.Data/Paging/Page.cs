namespace Tributary.Data.Paging;

/// <summary>One page of a keyset-paginated list.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items, in list order.</param>
/// <param name="Cursors">The cursor of each item (same order).</param>
/// <param name="HasNextPage">True when more items follow the last one.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, IReadOnlyList<string> Cursors, bool HasNextPage);
