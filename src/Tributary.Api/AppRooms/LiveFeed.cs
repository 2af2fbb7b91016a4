using Dapper;
using Tributary.Data;
using Tributary.Data.AppRooms;
using Tributary.Data.Paging;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>
/// The <c>liveRooms</c> feed: open rooms (not ended, not calls) the viewer may see, rooms of the users
/// they follow first, then the others, each part newest first. A cursor names its part ("f" or "o") and
/// its keyset position, so every page is at most two index range scans.
/// </summary>
public sealed class LiveFeed(Database database)
{
    private const string Columns = "r.id AS Id, r.owner_id AS OwnerId, r.kind AS Kind, r.title AS Title, r.access AS Access, r.created_at AS CreatedAt, r.ended_at AS EndedAt";

    private const string Invited = "EXISTS (SELECT 1 FROM room_invites i WHERE i.room_id = r.id AND i.user_id = @viewer)";

    private const string Followed =
        $"SELECT {Columns} FROM rooms r JOIN follows f ON f.followee_id = r.owner_id AND f.follower_id = @viewer " +
        $"WHERE r.ended_at IS NULL AND r.kind <> 'p2p' AND (r.access <> 'invite' OR {Invited})";

    private const string Others =
        $"SELECT {Columns} FROM rooms r WHERE r.ended_at IS NULL AND r.kind <> 'p2p' " +
        "AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = @viewer AND f.followee_id = r.owner_id) " +
        "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = @viewer AND b.blocked_id = r.owner_id) OR (b.blocker_id = r.owner_id AND b.blocked_id = @viewer)) " +
        $"AND (r.access = 'public' OR r.owner_id = @viewer OR (r.access = 'invite' AND {Invited}))";

    /// <summary>True for a cursor of this feed.</summary>
    public static bool IsCursor(string cursor) =>
        KeysetCursor.TryDecode(cursor, out _, out var key) && key.Length > 2 && key[1] == ':' && key[0] is 'f' or 'o';

    /// <summary>
    /// One page for <paramref name="viewerId"/> (empty string: an API key, which sees only public rooms
    /// and follows nobody).
    /// </summary>
    public async Task<Page<AppRoom>> PageAsync(string viewerId, int first, string? after, CancellationToken cancellationToken)
    {
        var part = 'f';
        long afterTime = 0;
        var afterId = string.Empty;
        if (after is not null && KeysetCursor.TryDecode(after, out afterTime, out var key))
        {
            part = key[0];
            afterId = key[2..];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var items = new List<(AppRoom Room, char Part)>();
        var hasNext = false;
        if (part == 'f')
        {
            var followed = await QueryAsync(connection, Followed, viewerId, after is null ? null : (afterTime, afterId), first + 1, cancellationToken);
            items.AddRange(followed.Take(first).Select(r => (r, 'f')));
            hasNext = followed.Count > first;
        }

        if (!hasNext)
        {
            var remaining = first - items.Count;
            var position = part == 'o' ? (afterTime, afterId) : ((long, string)?)null;
            var others = await QueryAsync(connection, Others, viewerId, position, remaining + 1, cancellationToken);
            items.AddRange(others.Take(remaining).Select(r => (r, 'o')));
            hasNext = others.Count > remaining;
        }

        return new Page<AppRoom>(
            items.Select(i => i.Room).ToList(),
            items.Select(i => KeysetCursor.Encode(i.Room.CreatedAt, $"{i.Part}:{i.Room.Id}")).ToList(),
            hasNext);
    }

    private static async Task<List<AppRoom>> QueryAsync(System.Data.Common.DbConnection connection, string sql, string viewer, (long Time, string Id)? after, int limit, CancellationToken cancellationToken)
    {
        var keyset = after is null ? string.Empty : " AND ((r.created_at = @afterTime AND r.id < @afterId) OR r.created_at < @afterTime)";
        var rows = await connection.QueryAsync<AppRoomRow>(new CommandDefinition(
            $"{sql}{keyset} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit",
            new { viewer, afterTime = after?.Time ?? 0, afterId = after?.Id ?? string.Empty, limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRoom()).ToList();
    }
}
