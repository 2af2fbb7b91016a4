using Tributary.Data.Outbox;

namespace Tributary.Api.Webhooks;

/// <summary>Turns outbox events into webhook deliveries, one per subscribed endpoint.</summary>
public sealed class WebhookFanOut(WebhookStore store, TimeProvider time) : IOutboxConsumer
{
    /// <inheritdoc />
    public bool Accepts(string topic) => WebhookTopics.IsKnown(topic);

    /// <inheritdoc />
    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        store.FanOutAsync(message.Id, message.Topic, message.Payload, message.CreatedAt, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
}
