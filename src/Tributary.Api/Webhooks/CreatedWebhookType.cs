using GraphQL.Types;

namespace Tributary.Api.Webhooks;

/// <summary>GraphQL <c>CreatedWebhook</c>.</summary>
public sealed class CreatedWebhookType : ObjectGraphType<CreatedWebhook>
{
    /// <summary>Defines the fields.</summary>
    public CreatedWebhookType()
    {
        Name = "CreatedWebhook";
        Field<NonNullGraphType<WebhookType>>("webhook").Resolve(ctx => ctx.Source.Webhook);
        Field<NonNullGraphType<StringGraphType>>("secret").Description("The signing secret; shown only here.").Resolve(ctx => ctx.Source.Secret);
    }
}
