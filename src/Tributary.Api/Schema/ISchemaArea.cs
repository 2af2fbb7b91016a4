using GraphQL.Types;

namespace Tributary.Api.Schema;

/// <summary>
/// One feature area's part of the schema (accounts, API keys; later social graph, chat…): it adds its
/// fields to the root types. Register implementations as <c>services.AddSingleton&lt;ISchemaArea, X&gt;()</c>;
/// they are built once per schema, so resolve services per request through
/// <see cref="ResolveFieldContextExtensions.Service{T}"/> rather than through the constructor.
/// </summary>
public interface ISchemaArea
{
    /// <summary>Adds fields to <c>Query</c>.</summary>
    void AddQueryFields(ObjectGraphType query);

    /// <summary>Adds fields to <c>Mutation</c>.</summary>
    void AddMutationFields(ObjectGraphType mutation);
}
