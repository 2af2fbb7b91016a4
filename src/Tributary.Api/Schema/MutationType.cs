using GraphQL.Types;

namespace Tributary.Api.Schema;

/// <summary>The <c>Mutation</c> root: the fields of every <see cref="ISchemaArea"/>.</summary>
public sealed class MutationType : ObjectGraphType
{
    /// <summary>Builds the type from the areas, in registration order.</summary>
    public MutationType(IEnumerable<ISchemaArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Name = "Mutation";
        foreach (var area in areas)
        {
            area.AddMutationFields(this);
        }
    }
}
