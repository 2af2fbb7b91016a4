namespace Tributary.Data.Outbox;

/// <summary>One event taken from the outbox for delivery.</summary>
/// <param name="Id">Stable id: consumers de-duplicate on it (delivery is at least once).</param>
/// <param name="Topic">The event name, e.g. <c>user.registered</c>.</param>
/// <param name="Payload">The JSON payload.</param>
/// <param name="CreatedAt">When the change was committed (Unix ms).</param>
/// <param name="Attempts">Delivery attempts so far, this one included.</param>
public sealed record OutboxMessage(string Id, string Topic, string Payload, long CreatedAt, int Attempts);
