using GraphQL;
using Tributary.Api.Accounts;
using Tributary.Api.Batching;
using Tributary.Api.Schema;
using Tributary.Data.Social;

namespace Tributary.Api.Social;

/// <summary>The request-scoped batch loaders of users and their follow data.</summary>
public static class SocialLoaders
{
    /// <summary>Users by id.</summary>
    public static BatchLoader<string, UserRecord> Users(IResolveFieldContext context)
    {
        var directory = context.Service<UserDirectory>();
        return context.Batch<string, UserRecord>("users", directory.GetManyAsync);
    }

    /// <summary>Follower and following counts by user id.</summary>
    public static BatchLoader<string, (long Followers, long Following)> Counts(IResolveFieldContext context)
    {
        var graph = context.Service<SocialGraph>();
        return context.Batch<string, (long Followers, long Following)>("followCounts", graph.CountsAsync);
    }

    /// <summary>Whether the calling user follows each user id.</summary>
    public static BatchLoader<string, bool> FollowedByCaller(IResolveFieldContext context, string callerId)
    {
        var directory = context.Service<UserDirectory>();
        return context.Batch<string, bool>("followedByCaller", (ids, ct) => directory.FollowedAmongAsync(callerId, ids, ct));
    }
}
