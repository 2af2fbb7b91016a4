namespace Tributary.Api.Webhooks;

/// <summary>One event on its way to one webhook.</summary>
/// <param name="Id">Delivery id (sent as <c>Tributary-Delivery</c>).</param>
/// <param name="WebhookId">The endpoint.</param>
/// <param name="EventId">The outbox event id (sent as <c>Tributary-Event-Id</c>; receivers de-duplicate on it).</param>
/// <param name="Topic">Event type.</param>
/// <param name="Payload">Event JSON.</param>
/// <param name="CreatedAt">When the event happened (Unix ms).</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>dead</c>.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastStatusCode">HTTP status of the last attempt, if any.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
public sealed record WebhookDelivery(
    string Id, string WebhookId, string EventId, string Topic, string Payload, long CreatedAt,
    string Status, long Attempts, long? LastStatusCode, string? LastError);
