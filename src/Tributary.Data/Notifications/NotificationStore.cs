using Tributary.Ids;
using System.Data.Common;
using Dapper;
using Tributary.Data.Paging;

namespace Tributary.Data.Notifications;

/// <summary>Users' notifications. Real-time delivery is the API's job; this is the durable record.</summary>
public sealed class NotificationStore(Database database, TimeProvider time)
{
    private const string Columns = "id AS Id, user_id AS UserId, kind AS Kind, actor_id AS ActorId, room_id AS RoomId, created_at AS CreatedAt, read_at AS ReadAt";

    /// <summary>Raised after a notification committed by <see cref="AddAsync(string, string, string?, string?, CancellationToken)"/>.</summary>
    public event Action<Notification>? Added;

    /// <summary>Adds a notification inside the caller's transaction; returns it (the caller raises nothing: commit first).</summary>
    public async Task<Notification> AddAsync(DbConnection connection, DbTransaction transaction, string userId, string kind, string? actorId, string? roomId, long now, CancellationToken cancellationToken = default)
    {
        var notification = new Notification(TimeOrderedId.New(), userId, kind, actorId, roomId, now, null);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO notifications (id, user_id, kind, actor_id, room_id, created_at) VALUES (@Id, @UserId, @Kind, @ActorId, @RoomId, @CreatedAt)",
            notification, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return notification;
    }

    /// <summary>Adds and commits a notification on its own, then raises <see cref="Added"/>.</summary>
    public async Task<Notification> AddAsync(string userId, string kind, string? actorId, string? roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var notification = await AddAsync(connection, transaction, userId, kind, actorId, roomId, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Added?.Invoke(notification);
        return notification;
    }

    /// <summary>A user's notifications, newest first.</summary>
    public async Task<Page<Notification>> ListAsync(string userId, int first, string? after, CancellationToken cancellationToken = default)
    {
        var hasCursor = KeysetCursor.TryDecode(after, out var afterTime, out var afterId);
        var keyset = hasCursor ? "AND ((created_at = @afterTime AND id < @afterId) OR created_at < @afterTime)" : string.Empty;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM notifications WHERE user_id = @userId {keyset} ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { userId, afterTime, afterId, limit = first + 1 }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var items = rows.Take(first).Select(r => r.ToNotification()).ToList();
        return new Page<Notification>(items, items.Select(n => KeysetCursor.Encode(n.CreatedAt, n.Id)).ToList(), rows.Count > first);
    }

    /// <summary>How many unread notifications a user has.</summary>
    public async Task<long> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL", new { userId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Marks the given notifications of the user read (all when <paramref name="ids"/> is null); returns how many changed.</summary>
    public async Task<int> MarkReadAsync(string userId, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (ids is null)
        {
            return await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE notifications SET read_at = @now WHERE user_id = @userId AND read_at IS NULL", new { userId, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var (clause, parameters) = Database.InIds("id", ids);
        parameters.Add("userId", userId);
        parameters.Add("now", now);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE notifications SET read_at = @now WHERE user_id = @userId AND read_at IS NULL AND {clause}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Raises <see cref="Added"/> for notifications the caller committed in its own transaction.</summary>
    public void Announce(Notification notification) => Added?.Invoke(notification);

    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string UserId { get; set; } = "";

        public string Kind { get; set; } = "";

        public string? ActorId { get; set; }

        public string? RoomId { get; set; }

        public long CreatedAt { get; set; }

        public long? ReadAt { get; set; }

        public Notification ToNotification() => new(Id, UserId, Kind, ActorId, RoomId, CreatedAt, ReadAt);
    }
}
