using System.Data.Common;
using Dapper;
using Tributary.Data.Notifications;
using Tributary.Data.Outbox;
using Tributary.Data.Paging;

namespace Tributary.Data.Social;

/// <summary>Follows and blocks between users.</summary>
public sealed class SocialGraph(Database database, NotificationStore notifications, OutboxSignal outbox, TimeProvider time)
{
    /// <summary>
    /// <paramref name="followerId"/> follows <paramref name="followeeId"/>. Idempotent; a new follow writes
    /// <c>user.followed</c> and a NEW_FOLLOWER notification in the same transaction.
    /// </summary>
    public async Task<FollowOutcome> FollowAsync(string followerId, string followeeId, CancellationToken cancellationToken = default)
    {
        if (followerId == followeeId)
        {
            return FollowOutcome.Self;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await ExistsAsync(connection, transaction, followeeId, cancellationToken).ConfigureAwait(false))
        {
            return FollowOutcome.UserNotFound;
        }

        if (await IsBlockedEitherWayAsync(connection, transaction, followerId, followeeId, cancellationToken).ConfigureAwait(false))
        {
            return FollowOutcome.Blocked;
        }

        Notification? added = null;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (@followerId, @followeeId, @now) ON CONFLICT (follower_id, followee_id) DO NOTHING",
            new { followerId, followeeId, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 1)
        {
            await OutboxWriter.EnqueueAsync(connection, transaction, "user.followed", new { followerId, followeeId }, time).ConfigureAwait(false);
            added = await notifications.AddAsync(connection, transaction, followeeId, NotificationKinds.NewFollower, followerId, null, now, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (added is not null)
        {
            outbox.Wake();
            notifications.Announce(added);
        }

        return FollowOutcome.Following;
    }

    /// <summary>Removes a follow; false when there was none.</summary>
    public async Task<bool> UnfollowAsync(string followerId, string followeeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM follows WHERE follower_id = @followerId AND followee_id = @followeeId",
            new { followerId, followeeId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Blocks a user and removes follows in both directions. Idempotent; false for self or an unknown user.</summary>
    public async Task<bool> BlockAsync(string blockerId, string blockedId, CancellationToken cancellationToken = default)
    {
        if (blockerId == blockedId)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await ExistsAsync(connection, transaction, blockedId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (@blockerId, @blockedId, @now) ON CONFLICT (blocker_id, blocked_id) DO NOTHING",
            new { blockerId, blockedId, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM follows WHERE (follower_id = @blockerId AND followee_id = @blockedId) OR (follower_id = @blockedId AND followee_id = @blockerId)",
            new { blockerId, blockedId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Lifts a block; false when there was none.</summary>
    public async Task<bool> UnblockAsync(string blockerId, string blockedId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM blocks WHERE blocker_id = @blockerId AND blocked_id = @blockedId",
            new { blockerId, blockedId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>True when either user blocks the other.</summary>
    public async Task<bool> IsBlockedEitherWayAsync(string a, string b, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await IsBlockedEitherWayAsync(connection, null, a, b, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="followerId"/> follows <paramref name="followeeId"/>.</summary>
    public async Task<bool> IsFollowingAsync(string followerId, string followeeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM follows WHERE follower_id = @followerId AND followee_id = @followeeId",
            new { followerId, followeeId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <summary>Who follows <paramref name="userId"/>, newest first.</summary>
    public Task<Page<Follow>> FollowersAsync(string userId, int first, string? after, CancellationToken cancellationToken = default) =>
        PageAsync("followee_id", "follower_id", userId, first, after, cancellationToken);

    /// <summary>Whom <paramref name="userId"/> follows, newest first.</summary>
    public Task<Page<Follow>> FollowingAsync(string userId, int first, string? after, CancellationToken cancellationToken = default) =>
        PageAsync("follower_id", "followee_id", userId, first, after, cancellationToken);

    /// <summary>Follower and following counts of many users in one query each (no N+1).</summary>
    public async Task<IReadOnlyDictionary<string, (long Followers, long Following)>> CountsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var result = userIds.Distinct().ToDictionary(id => id, _ => (0L, 0L));
        if (result.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (followeeClause, p1) = Database.InIds("followee_id", result.Keys);
        foreach (var (id, n) in await connection.QueryAsync<(string, long)>(new CommandDefinition(
            $"SELECT followee_id, COUNT(*) FROM follows WHERE {followeeClause} GROUP BY followee_id", p1, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            result[id] = (n, result[id].Item2);
        }

        var (followerClause, p2) = Database.InIds("follower_id", result.Keys);
        foreach (var (id, n) in await connection.QueryAsync<(string, long)>(new CommandDefinition(
            $"SELECT follower_id, COUNT(*) FROM follows WHERE {followerClause} GROUP BY follower_id", p2, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            result[id] = (result[id].Item1, n);
        }

        return result;
    }

    /// <summary>Ids of the newest followers of <paramref name="userId"/>, at most <paramref name="limit"/> (notification fan-out).</summary>
    public async Task<IReadOnlyList<string>> FollowerIdsAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT follower_id FROM follows WHERE followee_id = @userId ORDER BY created_at DESC LIMIT @limit",
            new { userId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    private async Task<Page<Follow>> PageAsync(string ownColumn, string otherColumn, string userId, int first, string? after, CancellationToken cancellationToken)
    {
        var hasCursor = KeysetCursor.TryDecode(after, out var afterTime, out var afterId);
        var keyset = hasCursor ? $"AND ({otherColumn} < @afterId AND created_at = @afterTime OR created_at < @afterTime)" : string.Empty;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(string UserId, long Since)>(new CommandDefinition(
            $"SELECT {otherColumn}, created_at FROM follows WHERE {ownColumn} = @userId {keyset} ORDER BY created_at DESC, {otherColumn} DESC LIMIT @limit",
            new { userId, afterTime, afterId, limit = first + 1 }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var items = rows.Take(first).Select(r => new Follow(r.UserId, r.Since)).ToList();
        return new Page<Follow>(items, items.Select(i => KeysetCursor.Encode(i.Since, i.UserId)).ToList(), rows.Count > first);
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string userId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE id = @userId", new { userId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private static async Task<bool> IsBlockedEitherWayAsync(DbConnection connection, DbTransaction? transaction, string a, string b, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM blocks WHERE (blocker_id = @a AND blocked_id = @b) OR (blocker_id = @b AND blocked_id = @a)",
            new { a, b }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
}
