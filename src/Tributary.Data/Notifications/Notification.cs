namespace Tributary.Data.Notifications;

/// <summary>One notification of a user.</summary>
/// <param name="Id">Notification id.</param>
/// <param name="UserId">Its recipient.</param>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="ActorId">The user who caused it, if any.</param>
/// <param name="RoomId">The room it is about, if any.</param>
/// <param name="CreatedAt">Unix ms.</param>
/// <param name="ReadAt">When it was marked read (Unix ms), or null.</param>
public sealed record Notification(string Id, string UserId, string Kind, string? ActorId, string? RoomId, long CreatedAt, long? ReadAt);
