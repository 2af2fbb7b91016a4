using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Tributary.Api.Auth;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Schema;
using Tributary.Data.AppRooms;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>Rooms for the apps: createRoom, room, liveRooms, endRoom.</summary>
public sealed class AppRoomsArea : ISchemaArea
{
    /// <summary>
    /// The room <paramref name="roomId"/> if <paramref name="caller"/> may see it; else the error
    /// (BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown or hidden room — the two are not told apart).
    /// </summary>
    public static async Task<Outcome<AppRoom>> VisibleRoomAsync(IResolveFieldContext ctx, string? roomId, string field = "id")
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (EntityIds.Check(roomId, field) is { } bad)
        {
            return bad;
        }

        var room = await ctx.Service<AppRoomStore>().GetAsync(roomId!, ctx.CancellationToken);
        return room is not null && await ctx.Service<RoomVisibility>().CanSeeAsync(room, ctx.Caller(), ctx.CancellationToken)
            ? Outcome<AppRoom>.Ok(room)
            : ApiError.NotFound("No room has this id.");
    }

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<AppRoomType>("room")
            .Description($"A room you may see (owner, PUBLIC, FOLLOWERS when you follow the owner, INVITE when invited), with its live state. API keys with `{CallerRules.RoomsReadScope}` see PUBLIC rooms. NOT_FOUND otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => CallerRules.RequireReader(ctx.Caller(), CallerRules.RoomsReadScope) is { } denied
                ? ctx.Reply(denied)
                : ctx.Reply(await VisibleRoomAsync(ctx, ctx.GetArgument<string>("id"))));
        var feed = query.Field<ConnectionType<AppRoomType>>("liveRooms")
            .Description($"Open rooms you may see: those of users you follow first, then the others, newest first. API keys with `{CallerRules.RoomsReadScope}` get the public ones.");
        PageArguments.AddTo(feed).ResolveAsync(async ctx =>
        {
            var caller = ctx.Caller();
            if (CallerRules.RequireReader(caller, CallerRules.RoomsReadScope) is { } denied)
            {
                return ctx.Reply(denied);
            }

            var page = PageArguments.Read(ctx, LiveFeed.IsCursor);
            if (page.Error is { } bad)
            {
                return ctx.Reply(bad);
            }

            var viewer = caller.Kind == CallerKind.User ? caller.UserId! : string.Empty;
            var rooms = await ctx.Service<LiveFeed>().PageAsync(viewer, page.Value.First, page.Value.After, ctx.CancellationToken);
            return Connections.From(rooms, r => r);
        });
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<AppRoomType>("createRoom")
            .Description($"Opens a room you own; its id is the signaling room id. BAD_USER_INPUT for type P2P (use callUser), a title outside 1–{AppRoomStore.MaxTitleLength} characters, more than {AppRoomStore.MaxInvites} or unknown invitees. Users only.")
            .Argument<NonNullGraphType<RoomKindType>>("type")
            .Argument<NonNullGraphType<StringGraphType>>("title")
            .Argument<RoomAccessType>("access", "Default PUBLIC.", a => a.DefaultValue = RoomAccess.Public)
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("invitees", "Users invited (INVITE rooms).")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                return ctx.Reply(await ctx.Service<AppRoomService>().OpenAsync(
                    me,
                    ctx.GetArgument<RoomKind>("type"),
                    ctx.GetArgument<string>("title"),
                    ctx.GetArgument("access", RoomAccess.Public),
                    ctx.GetArgument<List<string>?>("invitees") ?? [],
                    ctx.CancellationToken));
            });
        mutation.Field<AppRoomType>("endRoom")
            .Description("Ends your room (idempotent) and returns it; room events get ROOM_ENDED. FORBIDDEN for a room you see but do not own, NOT_FOUND for others.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var room = await VisibleRoomAsync(ctx, ctx.GetArgument<string>("id"));
                if (room.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                if (room.Value!.OwnerId != me)
                {
                    return ctx.Reply(ApiError.Forbidden("Only the owner ends a room."));
                }

                return await ctx.Service<AppRoomService>().EndAsync(room.Value, me, ctx.CancellationToken);
            });
    }
}
