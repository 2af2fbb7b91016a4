using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using Tributary.Api.Accounts;
using Tributary.Api.Auth;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Schema;

namespace Tributary.Api.Webhooks;

/// <summary>
/// Webhook administration: createWebhook, webhooks, disableWebhook, webhookDeliveries,
/// replayWebhookDelivery. For administrators: users listed in <c>Accounts:AdminEmails</c> and API keys
/// with the scope <c>webhooks:admin</c>.
/// </summary>
public sealed class WebhooksArea : ISchemaArea
{
    /// <summary>Most deliveries listed.</summary>
    public const int MaxDeliveries = 100;

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("Every registered webhook, oldest first. Administrators only.")
            .ResolveAsync(async ctx => await RequireAdminAsync(ctx) is { } denied
                ? ctx.Reply(denied)
                : await ctx.Service<WebhookStore>().ListAsync(ctx.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryType>>>>("webhookDeliveries")
            .Description($"A webhook's deliveries, newest first (at most {MaxDeliveries}). Administrators only.")
            .Argument<NonNullGraphType<IdGraphType>>("webhookId")
            .Argument<IntGraphType>("first", $"1 to {MaxDeliveries} (default 20).", a => a.DefaultValue = 20)
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("webhookId");
                if ((await RequireAdminAsync(ctx) ?? EntityIds.Check(id, "webhookId")) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var first = ctx.GetArgument("first", 20);
                if (first is < 1 or > MaxDeliveries)
                {
                    return ctx.Reply(ApiError.BadInput("first", $"'first' must be between 1 and {MaxDeliveries}."));
                }

                return await ctx.Service<WebhookStore>().ListDeliveriesAsync(id, first, ctx.CancellationToken);
            });
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<CreatedWebhookType>("createWebhook")
            .Description($"Registers an endpoint for event types ({string.Join(", ", WebhookTopics.All)}); returns its signing secret once. BAD_USER_INPUT for a URL that is not http(s), too long or (unless Webhooks:AllowPrivateAddresses) private, and for unknown or no event types. Administrators only.")
            .Argument<NonNullGraphType<StringGraphType>>("url")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("events")
            .ResolveAsync(async ctx =>
            {
                if (await RequireAdminAsync(ctx) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var url = ctx.GetArgument<string>("url").Trim();
                if (WebhookAddressGuard.Validate(url, ctx.Service<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses) is { } problem)
                {
                    return ctx.Reply(ApiError.BadInput("url", problem));
                }

                var events = ctx.GetArgument<List<string>>("events").Distinct(StringComparer.Ordinal).ToList();
                if (events.Count == 0)
                {
                    return ctx.Reply(ApiError.BadInput("events", "Name at least one event type."));
                }

                if (events.FirstOrDefault(e => !WebhookTopics.IsKnown(e)) is { } unknown)
                {
                    return ctx.Reply(ApiError.BadInput("events", $"Unknown event type '{(unknown.Length > 40 ? unknown[..40] : unknown)}'; known: {string.Join(", ", WebhookTopics.All)}."));
                }

                var caller = ctx.Caller();
                var (webhook, secret) = await ctx.Service<WebhookStore>().CreateAsync(
                    url, events, caller.UserId ?? "apikey:" + caller.ApiKeyId, ctx.Service<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds(), ctx.CancellationToken);
                return new CreatedWebhook(webhook, secret);
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("disableWebhook")
            .Description("Stops deliveries to a webhook. NOT_FOUND when unknown or already disabled. Administrators only.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("id");
                if ((await RequireAdminAsync(ctx) ?? EntityIds.Check(id, "id")) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                return await ctx.Service<WebhookStore>().DisableAsync(id, ctx.Service<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds(), ctx.CancellationToken)
                    ? true
                    : ctx.Reply(ApiError.NotFound("No active webhook has this id."));
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("replayWebhookDelivery")
            .Description("Sends a dead-lettered delivery again. NOT_FOUND when no dead delivery has the id. Administrators only.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("id");
                if ((await RequireAdminAsync(ctx) ?? EntityIds.Check(id, "id")) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                return await ctx.Service<WebhookStore>().ReplayAsync(id, ctx.Service<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds(), ctx.CancellationToken)
                    ? true
                    : ctx.Reply(ApiError.NotFound("No dead delivery has this id."));
            });
    }

    private static async Task<ApiError?> RequireAdminAsync(IResolveFieldContext ctx)
    {
        var caller = ctx.Caller();
        switch (caller.Kind)
        {
            case CallerKind.ApiKey:
                return caller.HasScope(CallerRules.WebhooksAdminScope) ? null : ApiError.Forbidden($"This API key lacks the scope `{CallerRules.WebhooksAdminScope}`.");
            case CallerKind.User:
                var user = await ctx.Service<Users>().FindAsync(caller.UserId!, ctx.CancellationToken);
                return user is not null && ctx.Service<AccountService>().IsAdmin(user) ? null : ApiError.Forbidden("Only administrators manage webhooks.");
            default:
                return ApiError.Unauthenticated();
        }
    }
}
