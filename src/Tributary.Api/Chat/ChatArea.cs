using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Tributary.Api.AppRooms;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Schema;
using Tributary.Api.Subscriptions;
using Tributary.Data.AppRooms;
using Tributary.Data.Chat;

namespace Tributary.Api.Chat;

/// <summary>Room chat and reactions: sendMessage, messages, deleteMessage, react.</summary>
public sealed class ChatArea : ISchemaArea
{
    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var list = query.Field<ConnectionType<ChatMessageType>>("messages")
            .Description($"A room's chat, newest first, for those who may see the room (API keys with `{CallerRules.RoomsReadScope}`: public rooms).")
            .Argument<NonNullGraphType<IdGraphType>>("roomId");
        PageArguments.AddTo(list).ResolveAsync(async ctx =>
        {
            if (CallerRules.RequireReader(ctx.Caller(), CallerRules.RoomsReadScope) is { } denied)
            {
                return ctx.Reply(denied);
            }

            var room = await AppRoomsArea.VisibleRoomAsync(ctx, ctx.GetArgument<string>("roomId"), "roomId");
            if (room.Error is { } error)
            {
                return ctx.Reply(error);
            }

            var page = PageArguments.Read(ctx);
            if (page.Error is { } bad)
            {
                return ctx.Reply(bad);
            }

            var messages = await ctx.Service<ChatStore>().ListAsync(room.Value!.Id, page.Value.First, page.Value.After, ctx.CancellationToken);
            return Connections.From(messages, m => m);
        });
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<ChatMessageType>("sendMessage")
            .Description($"Sends a chat message to an open room you may see. BAD_USER_INPUT for text outside 1–{ChatStore.MaxLength} characters (after trimming) or an ended room; RATE_LIMITED (extensions.retryAfterSeconds) beyond the per-user limits (default 5 per 5 s to one room, 15 per 5 s to all rooms); a refused message is not stored. Users only.")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var room = await OpenRoomAsync(ctx);
                if (room.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                var text = ctx.GetArgument<string>("text").Trim();
                if (text.Length is 0 or > ChatStore.MaxLength)
                {
                    return ctx.Reply(ApiError.BadInput("text", $"A message has 1 to {ChatStore.MaxLength} characters."));
                }

                if (ctx.Service<ChatRateLimiter>().TryAcquire(me, room.Value!.Id) is { } retry)
                {
                    return ctx.Reply(new ApiError(ErrorCodes.RateLimited, "Too many messages; wait a moment.", RetryAfter: retry));
                }

                return await ctx.Service<ChatStore>().SendAsync(room.Value.Id, me, text, ctx.CancellationToken);
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("deleteMessage")
            .Description("Deletes a message (its text is erased); by its author or the room's owner. False when already deleted. FORBIDDEN for others who see the room, NOT_FOUND otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("id");
                if ((CallerRules.RequireUser(ctx.Caller(), out var me) ?? EntityIds.Check(id, "id")) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var chat = ctx.Service<ChatStore>();
                var message = await chat.GetAsync(id, ctx.CancellationToken);
                var room = message is null ? default : await AppRoomsArea.VisibleRoomAsync(ctx, message.RoomId, "id");
                if (message is null || room.Value is null)
                {
                    return ctx.Reply(ApiError.NotFound("No message has this id."));
                }

                if (message.UserId != me && room.Value.OwnerId != me)
                {
                    return ctx.Reply(ApiError.Forbidden("Only the author or the room's owner deletes a message."));
                }

                var deleted = await chat.DeleteAsync(id, me, ctx.CancellationToken);
                if (deleted)
                {
                    await ctx.Service<RealtimePublisher>().RoomEventAsync(new RoomEvent(RoomEventKinds.MessageDeleted, message.RoomId, me, message.Id, null));
                }

                return deleted;
            });
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionCountType>>>>("react")
            .Description($"Sends a reaction to an open room you may see; returns the room's totals. BAD_USER_INPUT for an emoji outside: {string.Join(" ", ChatStore.Emoji)}. Users only.")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .Argument<NonNullGraphType<StringGraphType>>("emoji")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var room = await OpenRoomAsync(ctx);
                if (room.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                var emoji = ctx.GetArgument<string>("emoji");
                if (!ChatStore.Emoji.Contains(emoji))
                {
                    return ctx.Reply(ApiError.BadInput("emoji", $"Unknown reaction; send one of {string.Join(" ", ChatStore.Emoji)}."));
                }

                var totals = await ctx.Service<ChatStore>().ReactAsync(room.Value!.Id, emoji, ctx.CancellationToken);
                await ctx.Service<RealtimePublisher>().RoomEventAsync(new RoomEvent(RoomEventKinds.Reaction, room.Value.Id, me, null, emoji));
                return totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new ReactionCount(t.Key, t.Value)).ToList();
            });
    }

    private static async Task<Outcome<AppRoom>> OpenRoomAsync(IResolveFieldContext ctx)
    {
        var room = await AppRoomsArea.VisibleRoomAsync(ctx, ctx.GetArgument<string>("roomId"), "roomId");
        return room.Value is { EndedAt: not null }
            ? ApiError.BadInput("roomId", "This room has ended.")
            : room;
    }
}
