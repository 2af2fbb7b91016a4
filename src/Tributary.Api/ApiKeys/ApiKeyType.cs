using GraphQL.Types;

namespace Tributary.Api.ApiKeys;

/// <summary>GraphQL <c>ApiKey</c>: a key's metadata, never its secret.</summary>
public sealed class ApiKeyType : ObjectGraphType<ApiKeyRecord>
{
    /// <summary>Defines the fields.</summary>
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A server-to-server credential, sent as `X-Api-Key`.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(ctx => ctx.Source.ScopeSet.Order(StringComparer.Ordinal).ToList());
        Field<NonNullGraphType<IdGraphType>>("createdBy").Description("The admin's user id.").Resolve(ctx => ctx.Source.CreatedBy);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
        Field<DateTimeOffsetGraphType>("revokedAt").Resolve(ctx => ctx.Source.RevokedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
    }
}
