using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Tributary.Api.Accounts;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Schema;
using Tributary.Data.Paging;
using Tributary.Data.Social;

namespace Tributary.Api.Social;

/// <summary>The social graph: follow, unfollow, block, unblock, followers, following, searchUsers.</summary>
public sealed class SocialArea : ISchemaArea
{
    /// <summary>Most results of <c>searchUsers</c>.</summary>
    public const int MaxSearchResults = 50;

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        AddFollowList(query, "followers", "Who follows the user, newest follow first.", (graph, id, page, ct) => graph.FollowersAsync(id, page.First, page.After, ct));
        AddFollowList(query, "following", "Whom the user follows, newest follow first.", (graph, id, page, ct) => graph.FollowingAsync(id, page.First, page.After, ct));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserType>>>>("searchUsers")
            .Description($"Users whose username starts with `prefix` (case-insensitive), in username order. Users, or API keys with `{CallerRules.UsersReadScope}`.")
            .Argument<NonNullGraphType<StringGraphType>>("prefix", $"1 to {UserDirectory.MaxPrefixLength} characters.")
            .Argument<IntGraphType>("first", $"1 to {MaxSearchResults} (default 20).", a => a.DefaultValue = 20)
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireReader(ctx.Caller(), CallerRules.UsersReadScope) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var prefix = ctx.GetArgument<string>("prefix").Trim();
                if (prefix.Length is 0 or > UserDirectory.MaxPrefixLength)
                {
                    return ctx.Reply(ApiError.BadInput("prefix", $"'prefix' has 1 to {UserDirectory.MaxPrefixLength} characters."));
                }

                var first = ctx.GetArgument("first", 20);
                if (first is < 1 or > MaxSearchResults)
                {
                    return ctx.Reply(ApiError.BadInput("first", $"'first' must be between 1 and {MaxSearchResults}."));
                }

                return await ctx.Service<UserDirectory>().SearchAsync(prefix, first, ctx.CancellationToken);
            });
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<UserType>("follow")
            .Description("Follows a user (idempotent) and returns them; NEW_FOLLOWER goes to them. BAD_USER_INPUT for yourself, NOT_FOUND, FORBIDDEN when either blocks the other.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .ResolveAsync(async ctx =>
            {
                if (Target(ctx, out var me, out var userId) is { } error)
                {
                    return ctx.Reply(error);
                }

                var outcome = await ctx.Service<SocialGraph>().FollowAsync(me, userId, ctx.CancellationToken);
                return outcome switch
                {
                    FollowOutcome.Following => await ctx.Service<UserDirectory>().GetManyAsync([userId], ctx.CancellationToken) is { } users && users.TryGetValue(userId, out var user)
                        ? user
                        : ctx.Reply(ApiError.NotFound("No user has this id.")),
                    FollowOutcome.Self => ctx.Reply(ApiError.BadInput("userId", "You cannot follow yourself.")),
                    FollowOutcome.Blocked => ctx.Reply(ApiError.Forbidden("One of you blocks the other.")),
                    _ => ctx.Reply(ApiError.NotFound("No user has this id.")),
                };
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("unfollow")
            .Description("Stops following a user; false when you did not follow them.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .ResolveAsync(async ctx => Target(ctx, out var me, out var userId) is { } error
                ? ctx.Reply(error)
                : await ctx.Service<SocialGraph>().UnfollowAsync(me, userId, ctx.CancellationToken));
        mutation.Field<NonNullGraphType<BooleanGraphType>>("block")
            .Description("Blocks a user (idempotent): follows both ways are removed and neither can follow the other. BAD_USER_INPUT for yourself, NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .ResolveAsync(async ctx =>
            {
                if (Target(ctx, out var me, out var userId) is { } error)
                {
                    return ctx.Reply(error);
                }

                if (me == userId)
                {
                    return ctx.Reply(ApiError.BadInput("userId", "You cannot block yourself."));
                }

                return await ctx.Service<SocialGraph>().BlockAsync(me, userId, ctx.CancellationToken)
                    ? true
                    : ctx.Reply(ApiError.NotFound("No user has this id."));
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("unblock")
            .Description("Lifts a block; false when there was none.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .ResolveAsync(async ctx => Target(ctx, out var me, out var userId) is { } error
                ? ctx.Reply(error)
                : await ctx.Service<SocialGraph>().UnblockAsync(me, userId, ctx.CancellationToken));
    }

    private static ApiError? Target(IResolveFieldContext ctx, out string me, out string userId)
    {
        userId = ctx.GetArgument<string>("userId");
        return CallerRules.RequireUser(ctx.Caller(), out me) ?? EntityIds.Check(userId, "userId");
    }

    private static void AddFollowList(ObjectGraphType query, string name, string description, Func<SocialGraph, string, PageArguments, CancellationToken, Task<Page<Follow>>> list)
    {
        var field = query.Field<ConnectionType<UserType>>(name)
            .Description($"{description} Users, or API keys with `{CallerRules.UsersReadScope}`. BAD_USER_INPUT for a bad id, page size or cursor; NOT_FOUND for an unknown user.")
            .Argument<NonNullGraphType<IdGraphType>>("userId");
        PageArguments.AddTo(field).ResolveAsync(async ctx =>
        {
            var userId = ctx.GetArgument<string>("userId");
            if ((CallerRules.RequireReader(ctx.Caller(), CallerRules.UsersReadScope) ?? EntityIds.Check(userId, "userId")) is { } denied)
            {
                return ctx.Reply(denied);
            }

            var page = PageArguments.Read(ctx);
            if (page.Error is { } bad)
            {
                return ctx.Reply(bad);
            }

            var directory = ctx.Service<UserDirectory>();
            var owner = await directory.GetManyAsync([userId], ctx.CancellationToken);
            if (owner.Count == 0)
            {
                return ctx.Reply(ApiError.NotFound("No user has this id."));
            }

            var follows = await list(ctx.Service<SocialGraph>(), userId, page.Value, ctx.CancellationToken);
            var users = await directory.GetManyAsync(follows.Items.Select(f => f.UserId).ToList(), ctx.CancellationToken);
            return Connections.From(follows, f => users.GetValueOrDefault(f.UserId));
        });
    }
}
