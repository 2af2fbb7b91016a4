using GraphQL;
using GraphQL.Types;
using Tributary.Api.AppRooms;
using Tributary.Api.Business;
using Tributary.Api.Schema;

namespace Tributary.Api.Calls;

/// <summary>Calls: callUser, declineCall.</summary>
public sealed class CallsArea : ISchemaArea
{
    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<AppRoomType>("callUser")
            .Description("Calls a user: returns a P2P room (JOIN it through signaling) and rings the callee (INCOMING_CALL, incomingCall subscription). BAD_USER_INPUT for yourself or a bad id, NOT_FOUND, FORBIDDEN when either blocks the other. Users only.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .ResolveAsync(async ctx =>
            {
                var userId = ctx.GetArgument<string>("userId");
                if ((CallerRules.RequireUser(ctx.Caller(), out var me) ?? EntityIds.Check(userId, "userId")) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                return ctx.Reply(await ctx.Service<CallService>().CallAsync(me, userId, ctx.CancellationToken));
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("declineCall")
            .Description("The callee declines a call: the room ends, room events get CALL_DECLINED. False when it had already ended. FORBIDDEN for the caller, NOT_FOUND for calls you are not part of.")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var room = await AppRoomsArea.VisibleRoomAsync(ctx, ctx.GetArgument<string>("roomId"), "roomId");
                if (room.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                return ctx.Reply(await ctx.Service<CallService>().DeclineAsync(room.Value!, me, ctx.CancellationToken));
            });
    }
}
