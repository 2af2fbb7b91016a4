using GraphQL.Types;

namespace Tributary.Api.Webhooks;

/// <summary>GraphQL <c>WebhookDelivery</c>.</summary>
public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    /// <summary>Defines the fields.</summary>
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("eventId").Resolve(ctx => ctx.Source.EventId);
        Field<NonNullGraphType<StringGraphType>>("event").Resolve(ctx => ctx.Source.Topic);
        Field<NonNullGraphType<StringGraphType>>("status").Description("pending, delivered or dead.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(ctx => (int)ctx.Source.Attempts);
        Field<IntGraphType>("lastStatusCode").Resolve(ctx => (int?)ctx.Source.LastStatusCode);
        Field<StringGraphType>("lastError").Resolve(ctx => ctx.Source.LastError);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
    }
}
