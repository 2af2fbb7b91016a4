namespace Tributary.Client;

/// <summary><c>to</c>: every session of <paramref name="UserId"/>, or only <paramref name="SessionId"/> when given.</summary>
/// <param name="UserId">The target user.</param>
/// <param name="SessionId">One session of that user, or null for all of them.</param>
public sealed record SignalTarget(string UserId, string? SessionId = null);
