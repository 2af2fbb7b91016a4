using GraphQL.Types;

namespace Tributary.Api.Webhooks;

/// <summary>GraphQL <c>Webhook</c>: a registered endpoint (never its secret).</summary>
public sealed class WebhookType : ObjectGraphType<Webhook>
{
    /// <summary>Defines the fields.</summary>
    public WebhookType()
    {
        Name = "Webhook";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("events").Resolve(ctx => ctx.Source.Events);
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(ctx => ctx.Source.Active);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
    }
}
