using Tributary.Ids;
using Dapper;
using Tributary.Data.Outbox;
using Tributary.Data.Paging;

namespace Tributary.Data.Chat;

/// <summary>Chat messages and reactions of rooms. Validation and rate limits are the API's; this stores.</summary>
public sealed class ChatStore(Database database, OutboxSignal outbox, TimeProvider time)
{
    /// <summary>Longest message, in characters.</summary>
    public const int MaxLength = 500;

    /// <summary>The reactions a client may send.</summary>
    public static readonly IReadOnlyList<string> Emoji = ["❤️", "😂", "😮", "😢", "👏", "🔥", "🎉", "👍"];

    /// <summary>Raised after a message is committed.</summary>
    public event Action<ChatMessage>? Sent;

    /// <summary>Stores a message; writes <c>message.created</c>.</summary>
    public async Task<ChatMessage> SendAsync(string roomId, string userId, string body, CancellationToken cancellationToken = default)
    {
        var message = new ChatMessage(TimeOrderedId.New(), roomId, userId, body, time.GetUtcNow().ToUnixTimeMilliseconds(), false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO messages (id, room_id, user_id, body, created_at) VALUES (@Id, @RoomId, @UserId, @Body, @CreatedAt)",
            message, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await OutboxWriter.EnqueueAsync(connection, transaction, "message.created", new { messageId = message.Id, roomId, userId, body }, time).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        outbox.Wake();
        Sent?.Invoke(message);
        return message;
    }

    /// <summary>A message by id, or null.</summary>
    public async Task<ChatMessage?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, room_id AS RoomId, user_id AS UserId, body AS Body, created_at AS CreatedAt, deleted_at AS DeletedAt FROM messages WHERE id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToMessage();
    }

    /// <summary>Soft-deletes a message (the text is erased); false when it was already deleted.</summary>
    public async Task<bool> DeleteAsync(string id, string deletedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET deleted_at = @now, deleted_by = @deletedBy, body = '' WHERE id = @id AND deleted_at IS NULL",
            new { id, deletedBy, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>A room's messages, newest first.</summary>
    public async Task<Page<ChatMessage>> ListAsync(string roomId, int first, string? after, CancellationToken cancellationToken = default)
    {
        var hasCursor = KeysetCursor.TryDecode(after, out var afterTime, out var afterId);
        var keyset = hasCursor ? "AND ((created_at = @afterTime AND id < @afterId) OR created_at < @afterTime)" : string.Empty;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT id AS Id, room_id AS RoomId, user_id AS UserId, body AS Body, created_at AS CreatedAt, deleted_at AS DeletedAt FROM messages WHERE room_id = @roomId {keyset} ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { roomId, afterTime, afterId, limit = first + 1 }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var items = rows.Take(first).Select(r => r.ToMessage()).ToList();
        return new Page<ChatMessage>(items, items.Select(m => KeysetCursor.Encode(m.CreatedAt, m.Id)).ToList(), rows.Count > first);
    }

    /// <summary>Counts one reaction; returns the room's totals per emoji.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReactAsync(string roomId, string emoji, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO reactions (room_id, emoji, count) VALUES (@roomId, @emoji, 1) ON CONFLICT (room_id, emoji) DO UPDATE SET count = reactions.count + 1",
            new { roomId, emoji }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await ReactionsAsync(roomId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A room's reaction totals per emoji.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReactionsAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT emoji, count FROM reactions WHERE room_id = @roomId", new { roomId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string RoomId { get; set; } = "";

        public string UserId { get; set; } = "";

        public string Body { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? DeletedAt { get; set; }

        public ChatMessage ToMessage() => new(Id, RoomId, UserId, Body, CreatedAt, DeletedAt is not null);
    }
}
