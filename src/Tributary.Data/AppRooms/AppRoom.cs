using Tributary.Rooms;

namespace Tributary.Data.AppRooms;

/// <summary>A room as created through the API.</summary>
/// <param name="Id">The room id signaling JOIN uses (<c>rid</c>).</param>
/// <param name="OwnerId">Its creator.</param>
/// <param name="Kind">m2m, a2m, p2m or p2p.</param>
/// <param name="Title">Shown in feeds.</param>
/// <param name="Access">Who may join.</param>
/// <param name="CreatedAt">Unix ms.</param>
/// <param name="EndedAt">Unix ms, or null while open.</param>
public sealed record AppRoom(string Id, string OwnerId, RoomKind Kind, string Title, RoomAccess Access, long CreatedAt, long? EndedAt);
