using Dapper;
using Tributary.Data.Outbox;
using Tributary.Rooms;

namespace Tributary.Data.AppRooms;

/// <summary>Rooms created through the API, their invitations and their end.</summary>
public sealed class AppRoomStore(Database database, OutboxSignal outbox, TimeProvider time)
{
    /// <summary>Longest title, in characters.</summary>
    public const int MaxTitleLength = 120;

    /// <summary>Most invitations per room.</summary>
    public const int MaxInvites = 100;

    private const string Columns = "id AS Id, owner_id AS OwnerId, kind AS Kind, title AS Title, access AS Access, created_at AS CreatedAt, ended_at AS EndedAt";

    /// <summary>Creates a room; writes <c>room.started</c>.</summary>
    public async Task<AppRoom> CreateAsync(string ownerId, RoomKind kind, string title, RoomAccess access, IReadOnlyCollection<string> invitees, CancellationToken cancellationToken = default)
    {
        var room = new AppRoom(Guid.NewGuid().ToString(), ownerId, kind, title, access, time.GetUtcNow().ToUnixTimeMilliseconds(), null);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rooms (id, owner_id, kind, title, access, created_at) VALUES (@Id, @OwnerId, @kind, @Title, @access, @CreatedAt)",
            new { room.Id, room.OwnerId, kind = kind.ToString().ToLowerInvariant(), room.Title, access = access.ToString().ToLowerInvariant(), room.CreatedAt },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var userId in invitees.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO room_invites (room_id, user_id) VALUES (@roomId, @userId)", new { roomId = room.Id, userId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await OutboxWriter.EnqueueAsync(connection, transaction, "room.started", new { roomId = room.Id, ownerId, kind = kind.ToString().ToLowerInvariant(), title }, time).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        outbox.Wake();
        return room;
    }

    /// <summary>A room by id, or null.</summary>
    public async Task<AppRoom?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetManyAsync([id], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id);

    /// <summary>Rooms by id in one query (batch loading).</summary>
    public async Task<IReadOnlyDictionary<string, AppRoom>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, AppRoom>();
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (clause, parameters) = Database.InIds("id", ids);
        var rows = await connection.QueryAsync<AppRoomRow>(new CommandDefinition($"SELECT {Columns} FROM rooms WHERE {clause}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRoom()).ToDictionary(r => r.Id);
    }

    /// <summary>Ends a room; false when it was already ended. Writes <c>room.ended</c>.</summary>
    public async Task<bool> EndAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rooms SET ended_at = @now WHERE id = @id AND ended_at IS NULL", new { id, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 1)
        {
            await OutboxWriter.EnqueueAsync(connection, transaction, "room.ended", new { roomId = id }, time).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (changed == 1)
        {
            outbox.Wake();
        }

        return changed == 1;
    }

    /// <summary>True when <paramref name="userId"/> was invited to the room.</summary>
    public async Task<bool> IsInvitedAsync(string roomId, string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM room_invites WHERE room_id = @roomId AND user_id = @userId", new { roomId, userId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <summary>The users invited to a room.</summary>
    public async Task<IReadOnlyList<string>> InviteesAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM room_invites WHERE room_id = @roomId ORDER BY user_id", new { roomId }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    /// <summary>
    /// Open rooms (not ended) of the given kinds, newest first, at most <paramref name="limit"/>; when
    /// <paramref name="ownerIds"/> is given, only theirs. The feed filters them by live state.
    /// </summary>
    public async Task<IReadOnlyList<AppRoom>> OpenAsync(IReadOnlyCollection<string>? ownerIds, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new DynamicParameters(new { limit, before = before ?? long.MaxValue });
        var ownerClause = string.Empty;
        if (ownerIds is not null)
        {
            var (clause, ownerParameters) = Database.InIds("owner_id", ownerIds);
            parameters.AddDynamicParams(ownerParameters);
            ownerClause = "AND " + clause;
        }

        var rows = await connection.QueryAsync<AppRoomRow>(new CommandDefinition(
            $"SELECT {Columns} FROM rooms WHERE ended_at IS NULL AND kind <> 'p2p' AND created_at < @before {ownerClause} ORDER BY created_at DESC LIMIT @limit",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRoom()).ToList();
    }
}
