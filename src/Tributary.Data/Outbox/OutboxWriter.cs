using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Tributary.Data.Outbox;

/// <summary>
/// Writes events into the outbox inside the caller's transaction, so an event exists exactly when
/// the change that caused it was committed.
/// </summary>
public static class OutboxWriter
{
    /// <summary>Adds an event for <paramref name="topic"/> (e.g. <c>user.registered</c>) to the transaction.</summary>
    public static Task EnqueueAsync(DbConnection connection, DbTransaction transaction, string topic, object payload, TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return connection.ExecuteAsync(
            "INSERT INTO outbox (id, topic, payload, created_at, available_at, attempts, status) VALUES (@id, @topic, @payload, @now, @now, 0, 'pending')",
            new { id = Guid.CreateVersion7().ToString("N"), topic, payload = JsonSerializer.Serialize(payload, payload.GetType()), now },
            transaction);
    }
}
