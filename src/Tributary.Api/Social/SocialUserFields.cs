using GraphQL.DataLoader;
using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Auth;
using Tributary.Api.Schema;

namespace Tributary.Api.Social;

/// <summary>The social fields of <c>User</c>: counts and whether the caller follows them, batch-loaded.</summary>
public static class SocialUserFields
{
    /// <summary>Adds the fields to <paramref name="user"/>.</summary>
    public static void AddTo(ObjectGraphType<UserRecord> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Field<NonNullGraphType<IntGraphType>>("followersCount")
            .Description("How many users follow this user.")
            .Resolve(ctx => SocialLoaders.Counts(ctx).Load(ctx.Source.Id, c => (int)c.Followers));
        user.Field<NonNullGraphType<IntGraphType>>("followingCount")
            .Description("How many users this user follows.")
            .Resolve(ctx => SocialLoaders.Counts(ctx).Load(ctx.Source.Id, c => (int)c.Following));
        user.Field<BooleanGraphType>("isFollowing")
            .Description("True when the signed-in caller follows this user; null for API keys and anonymous callers.")
            .Resolve(ctx =>
            {
                var caller = ctx.Caller();
                return caller.Kind == CallerKind.User
                    ? SocialLoaders.FollowedByCaller(ctx, caller.UserId!).Load(ctx.Source.Id)
                    : null;
            });
    }
}
