namespace Tributary.Api.Subscriptions;

/// <summary>A call ringing a user, for <c>incomingCall</c> subscribers.</summary>
/// <param name="RoomId">The p2p room to JOIN.</param>
/// <param name="CallerId">Who is calling.</param>
/// <param name="CalleeId">Who is called.</param>
public sealed record IncomingCall(string RoomId, string CallerId, string CalleeId);
