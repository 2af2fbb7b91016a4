using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Schema;
using Tributary.Data.Notifications;

namespace Tributary.Api.Notifications;

/// <summary>The signed-in user's notifications: list, unread count, mark read.</summary>
public sealed class NotificationsArea : ISchemaArea
{
    /// <summary>Most ids per <c>markNotificationsRead</c>.</summary>
    public const int MaxMarkIds = 100;

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var list = query.Field<ConnectionType<NotificationType>>("notifications")
            .Description("Your notifications, newest first. Users only.");
        PageArguments.AddTo(list).ResolveAsync(async ctx =>
        {
            if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
            {
                return ctx.Reply(denied);
            }

            var page = PageArguments.Read(ctx);
            if (page.Error is { } bad)
            {
                return ctx.Reply(bad);
            }

            var notifications = await ctx.Service<NotificationStore>().ListAsync(me, page.Value.First, page.Value.After, ctx.CancellationToken);
            return Connections.From(notifications, n => n);
        });
        query.Field<NonNullGraphType<IntGraphType>>("unreadNotificationCount")
            .Description("How many of your notifications are unread. Users only.")
            .ResolveAsync(async ctx => CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied
                ? ctx.Reply(denied)
                : (int)await ctx.Service<NotificationStore>().UnreadCountAsync(me, ctx.CancellationToken));
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<NonNullGraphType<IntGraphType>>("markNotificationsRead")
            .Description($"Marks your notifications read: the given ids (at most {MaxMarkIds}), or all when `ids` is omitted. Returns how many changed; other users' ids change nothing.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("ids")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var ids = ctx.GetArgument<List<string>?>("ids");
                if (ids is { Count: > MaxMarkIds })
                {
                    return ctx.Reply(ApiError.BadInput("ids", $"At most {MaxMarkIds} ids per call."));
                }

                if (ids?.FirstOrDefault(id => !EntityIds.IsWellFormed(id)) is not null)
                {
                    return ctx.Reply(ApiError.BadInput("ids", "'ids' holds an invalid id."));
                }

                return await ctx.Service<NotificationStore>().MarkReadAsync(me, ids, ctx.CancellationToken);
            });
    }
}
