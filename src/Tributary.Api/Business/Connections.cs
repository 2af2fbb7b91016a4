using GraphQL.Types.Relay.DataObjects;
using Tributary.Data.Paging;

namespace Tributary.Api.Business;

/// <summary>Builds Relay connections from keyset pages.</summary>
public static class Connections
{
    /// <summary>A connection over <paramref name="page"/>, mapping items to nodes (items mapping to null are skipped).</summary>
    public static Connection<TNode> From<TItem, TNode>(Page<TItem> page, Func<TItem, TNode?> node)
        where TNode : class
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(node);
        var edges = new List<Edge<TNode>>(page.Items.Count);
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (node(page.Items[i]) is { } n)
            {
                edges.Add(new Edge<TNode> { Node = n, Cursor = page.Cursors[i] });
            }
        }

        return new Connection<TNode>
        {
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = page.HasNextPage,
                HasPreviousPage = false,
                StartCursor = page.Cursors.Count > 0 ? page.Cursors[0] : null,
                EndCursor = page.Cursors.Count > 0 ? page.Cursors[^1] : null,
            },
        };
    }
}
