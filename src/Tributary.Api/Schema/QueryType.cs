using GraphQL.Types;

namespace Tributary.Api.Schema;

/// <summary>The <c>Query</c> root: the fields of every <see cref="ISchemaArea"/>.</summary>
public sealed class QueryType : ObjectGraphType
{
    /// <summary>Builds the type from the areas, in registration order.</summary>
    public QueryType(IEnumerable<ISchemaArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Name = "Query";
        foreach (var area in areas)
        {
            area.AddQueryFields(this);
        }
    }
}
