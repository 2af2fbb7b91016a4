using GraphQL;
using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Auth;
using Tributary.Api.Errors;
using Tributary.Api.Schema;
using Tributary.Fleet.Registry;

namespace Tributary.Api.Fleet;

/// <summary>
/// Fleet administration (issue 10, the munit lifecycle): query <c>munits</c>, mutations <c>drainMunit</c>,
/// <c>reviveMunit</c>, <c>stopMunit</c>, <c>assignRoom</c>, <c>unassignRoom</c>. For administrators: users listed in <c>Accounts:AdminEmails</c> and API
/// keys with the scope <c>fleet:admin</c> (what <c>tributary munit</c> uses).
/// </summary>
public sealed class FleetArea : ISchemaArea
{
    /// <summary>API key scope: list, drain, revive and stop munits.</summary>
    public const string FleetAdminScope = "fleet:admin";

    /// <summary>Longest munit id accepted.</summary>
    public const int MaxMunitIdLength = 200;

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MunitType>>>>("munits")
            .Description("Every media unit the fleet knows, by id. Fleet administrators only (scope fleet:admin).")
            .ResolveAsync(async ctx => await RequireAdminAsync(ctx) is { } denied
                ? ctx.Reply(denied)
                : await Fleet(ctx).MunitsAsync());
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        AddCommand(mutation, "drainMunit", "Drain: the munit takes no new stations; the ones it holds run until they end. NOT_FOUND for an unknown id, BAD_USER_INPUT when it is already draining or stopped; nothing changes then.", (f, id) => f.DrainAsync(id));
        AddCommand(mutation, "reviveMunit", "Revive a draining or stopped munit: it takes new stations again. NOT_FOUND for an unknown id, BAD_USER_INPUT when it is already active.", (f, id) => f.ReviveAsync(id));
        mutation.Field<MunitType>("assignRoom")
            .Description("Assign a room to a munit: its stations on other munits move there now (the room gets RESTART) and its new stations go there while the munit is active and has room. NOT_FOUND for an unknown munit; BAD_USER_INPUT when the munit is not active or has no room for the room's stations, or an id is malformed; nothing changes then. Fleet administrators only (scope fleet:admin).")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .Argument<NonNullGraphType<IdGraphType>>("munitId")
            .ResolveAsync(async ctx =>
            {
                var roomId = ctx.GetArgument<string>("roomId").Trim();
                var munitId = ctx.GetArgument<string>("munitId").Trim();
                return (await RequireAdminAsync(ctx) ?? CheckId("roomId", roomId) ?? CheckId("munitId", munitId)) is { } denied
                    ? ctx.Reply(denied)
                    : Answer(ctx, "munitId", await Fleet(ctx).AssignRoomAsync(roomId, munitId));
            });
        mutation.Field<MunitType>("unassignRoom")
            .Description("Unassign a room: it is placed as usual again; its stations stay where they are. Answers the munit it was assigned to. NOT_FOUND when the room has no assignment. Fleet administrators only (scope fleet:admin).")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .ResolveAsync(async ctx =>
            {
                var roomId = ctx.GetArgument<string>("roomId").Trim();
                return (await RequireAdminAsync(ctx) ?? CheckId("roomId", roomId)) is { } denied
                    ? ctx.Reply(denied)
                    : Answer(ctx, "roomId", await Fleet(ctx).UnassignRoomAsync(roomId));
            });
        AddCommand(mutation, "stopMunit", "Stop: take the munit out of service now. Its stations are re-placed on other munits and their rooms get RESTART; with the autoscaler on, its process is stopped. NOT_FOUND for an unknown id, BAD_USER_INPUT when it is already stopped.", (f, id) => f.StopAsync(id));
    }

    private static void AddCommand(ObjectGraphType mutation, string name, string description, Func<IFleetGrain, string, Task<FleetCommandResult>> command) =>
        mutation.Field<MunitType>(name)
            .Description(description + " Fleet administrators only (scope fleet:admin).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("id").Trim();
                if ((await RequireAdminAsync(ctx) ?? CheckId("id", id)) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                return Answer(ctx, "id", await command(Fleet(ctx), id));
            });

    private static object? Answer(IResolveFieldContext ctx, string argument, FleetCommandResult result) => result.Error switch
    {
        FleetCommandError.None => result.Munit,
        FleetCommandError.NotFound => ctx.Reply(ApiError.NotFound(result.Message ?? "no such munit")),
        _ => ctx.Reply(ApiError.BadInput(argument, result.Message ?? "the munit is not in a state for this")),
    };

    private static ApiError? CheckId(string argument, string id) =>
        id.Length is 0 or > MaxMunitIdLength
            ? ApiError.BadInput(argument, $"'{argument}' must be an id of 1 to {MaxMunitIdLength} characters.")
            : null;

    private static IFleetGrain Fleet(IResolveFieldContext ctx) => ctx.Service<IGrainFactory>().GetGrain<IFleetGrain>(0);

    private static async Task<ApiError?> RequireAdminAsync(IResolveFieldContext ctx)
    {
        var caller = ctx.Caller();
        switch (caller.Kind)
        {
            case CallerKind.ApiKey:
                return caller.HasScope(FleetAdminScope) ? null : ApiError.Forbidden($"This API key lacks the scope `{FleetAdminScope}`.");
            case CallerKind.User:
                var user = await ctx.Service<Users>().FindAsync(caller.UserId!, ctx.CancellationToken);
                return user is not null && ctx.Service<AccountService>().IsAdmin(user) ? null : ApiError.Forbidden("Only administrators manage the media fleet.");
            default:
                return ApiError.Unauthenticated();
        }
    }
}
