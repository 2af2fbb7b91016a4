namespace Tributary.Data.Chat;

/// <summary>A chat message in a room.</summary>
/// <param name="Id">Message id.</param>
/// <param name="RoomId">The room.</param>
/// <param name="UserId">The author.</param>
/// <param name="Body">The text; empty once deleted.</param>
/// <param name="CreatedAt">Unix ms.</param>
/// <param name="Deleted">True once deleted by its author or the room owner.</param>
public sealed record ChatMessage(string Id, string RoomId, string UserId, string Body, long CreatedAt, bool Deleted);
