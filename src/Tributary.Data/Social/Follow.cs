namespace Tributary.Data.Social;

/// <summary>An edge of the social graph: <paramref name="UserId"/> is the other side, since <paramref name="Since"/> (Unix ms).</summary>
/// <param name="UserId">The follower (in followers lists) or the followee (in following lists).</param>
/// <param name="Since">When the follow happened.</param>
public sealed record Follow(string UserId, long Since);
