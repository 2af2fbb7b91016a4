namespace Tributary.Api.Chat;

/// <summary>How often one emoji was sent to a room.</summary>
/// <param name="Emoji">The emoji.</param>
/// <param name="Count">The total.</param>
public sealed record ReactionCount(string Emoji, long Count);
