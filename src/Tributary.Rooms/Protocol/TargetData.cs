namespace Tributary.Rooms.Protocol;

/// <summary><c>to</c> as sent: a userId string, or <c>{"userId","sessionId"}</c>.</summary>
internal sealed record TargetData(string? UserId, string? SessionId);
