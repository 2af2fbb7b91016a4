namespace Tributary.Api.Subscriptions;

/// <summary>An event of a room for <c>roomEvents(roomId)</c> subscribers.</summary>
/// <param name="Kind">One of <see cref="RoomEventKinds"/>.</param>
/// <param name="RoomId">The room.</param>
/// <param name="ActorId">Who caused it, when known.</param>
/// <param name="MessageId">MESSAGE_DELETED: the message.</param>
/// <param name="Emoji">REACTION: the emoji.</param>
public sealed record RoomEvent(string Kind, string RoomId, string? ActorId, string? MessageId, string? Emoji);
