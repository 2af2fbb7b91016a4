namespace Tributary.Data.Outbox;

/// <summary>An outbox row as operators see it.</summary>
/// <param name="Id">Event id.</param>
/// <param name="Topic">Event name.</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>dead</c>.</param>
/// <param name="Attempts">Delivery attempts made.</param>
/// <param name="LastError">The last consumer error, if any.</param>
public sealed record OutboxEntry(string Id, string Topic, string Status, long Attempts, string? LastError);
