namespace Tributary.Data.Social;

/// <summary>What a follow request did.</summary>
public enum FollowOutcome
{
    /// <summary>Now following (or already was: follow is idempotent).</summary>
    Following,
    /// <summary>Users cannot follow themselves.</summary>
    Self,
    /// <summary>No such user.</summary>
    UserNotFound,
    /// <summary>One of the two blocks the other.</summary>
    Blocked,
}
