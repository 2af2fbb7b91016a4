using GraphQL.Types;

namespace Tributary.Api.ApiKeys;

/// <summary>GraphQL <c>CreatedApiKey</c>.</summary>
public sealed class CreatedApiKeyType : ObjectGraphType<CreatedApiKey>
{
    /// <summary>Defines the fields.</summary>
    public CreatedApiKeyType()
    {
        Name = "CreatedApiKey";
        Field<NonNullGraphType<StringGraphType>>("key").Description("`trk_<id>.<secret>`: shown only now; store it.").Resolve(ctx => ctx.Source.Key);
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Resolve(ctx => ctx.Source.ApiKey);
    }
}
