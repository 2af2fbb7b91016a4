namespace Tributary.Data.Outbox;

/// <summary>
/// Receives outbox events in the <c>control</c> role. Delivery is at least once: a consumer must be
/// idempotent on <see cref="OutboxMessage.Id"/>. Throwing schedules a retry of the message.
/// </summary>
public interface IOutboxConsumer
{
    /// <summary>True when this consumer wants events of <paramref name="topic"/>.</summary>
    bool Accepts(string topic);

    /// <summary>Handles one event.</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
