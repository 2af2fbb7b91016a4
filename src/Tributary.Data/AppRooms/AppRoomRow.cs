using Tributary.Rooms;

namespace Tributary.Data.AppRooms;

/// <summary>
/// A rooms-table row as Dapper reads it (select columns aliased to these names). Properties rather
/// than a positional record, so SQLite's and PostgreSQL's integer types both map.
/// </summary>
public sealed class AppRoomRow
{
    /// <summary>Column id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Column owner_id.</summary>
    public string OwnerId { get; set; } = "";

    /// <summary>Column kind (m2m, a2m, p2m, p2p).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Column title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Column access (public, followers, invite).</summary>
    public string Access { get; set; } = "";

    /// <summary>Column created_at.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Column ended_at.</summary>
    public long? EndedAt { get; set; }

    /// <summary>The room.</summary>
    public AppRoom ToRoom() => new(Id, OwnerId, Enum.Parse<RoomKind>(Kind, ignoreCase: true), Title, Enum.Parse<RoomAccess>(Access, ignoreCase: true), CreatedAt, EndedAt);
}
