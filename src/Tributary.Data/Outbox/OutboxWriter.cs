using Tributary.Ids;
using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Tributary.Data.Outbox;

/// <summary>
/// Writes events into the transactional outbox: the row commits or rolls back with the change it
/// describes, and the dispatcher delivers it afterwards (at least once).
/// </summary>
public static class OutboxWriter
{
    /// <summary>Inserts a pending outbox row for <paramref name="topic"/> inside <paramref name="transaction"/>.</summary>
    /// <param name="connection">The open connection of <paramref name="transaction"/>.</param>
    /// <param name="transaction">The transaction that makes the described change.</param>
    /// <param name="topic">The event name, e.g. <c>user.registered</c>.</param>
    /// <param name="payload">Serialized as JSON (camelCase).</param>
    /// <param name="time">The clock for <c>created_at</c> and <c>available_at</c>.</param>
    public static Task EnqueueAsync(DbConnection connection, DbTransaction transaction, string topic, object payload, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return connection.ExecuteAsync(
            "INSERT INTO outbox (id, topic, payload, created_at, available_at) VALUES (@Id, @Topic, @Payload, @Now, @Now)",
            new
            {
                Id = TimeOrderedId.New(),
                Topic = topic,
                Payload = JsonSerializer.Serialize(payload, payload.GetType(), JsonSerializerOptions.Web),
                Now = now,
            },
            transaction);
    }
}
