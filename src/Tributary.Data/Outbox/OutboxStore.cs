using Dapper;
using Tributary.Data.Queues;

namespace Tributary.Data.Outbox;

/// <summary>Claims, settles and replays outbox rows. Times are passed in (Unix ms) so callers own the clock.</summary>
public sealed class OutboxStore(Database database)
{
    /// <summary>
    /// Leases up to <paramref name="batchSize"/> due events until <paramref name="leaseUntil"/> and counts the attempt.
    /// On PostgreSQL concurrent dispatchers skip each other's rows (SKIP LOCKED); SQLite has one writer.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int batchSize, long now, long leaseUntil, CancellationToken cancellationToken = default)
    {
        var sql = LeaseQueries.Claim(database.Dialect, "outbox", "id AS Id, topic AS Topic, payload AS Payload, created_at AS CreatedAt, attempts AS Attempts");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { now, leaseUntil, batchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new OutboxMessage(r.Id, r.Topic, r.Payload, r.CreatedAt, (int)r.Attempts)).ToList();
    }

    /// <summary>Marks an event delivered.</summary>
    public async Task MarkDeliveredAsync(string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            LeaseQueries.Delivered("outbox"),
            new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Schedules a retry at <paramref name="retryAt"/>, or dead-letters the event when <paramref name="dead"/>.</summary>
    public async Task MarkFailedAsync(string id, string error, long retryAt, bool dead, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            LeaseQueries.Failed("outbox"),
            new { id, retryAt, status = dead ? "dead" : "pending", error = LeaseQueries.Truncate(error) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Puts a dead-lettered event back in the queue with a fresh attempt count; false when it is not dead.</summary>
    public async Task<bool> ReplayAsync(string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            LeaseQueries.Replay("outbox"),
            new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>The state of one event, or null.</summary>
    public async Task<OutboxEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition(
            "SELECT id AS Id, topic AS Topic, status AS Status, attempts AS Attempts, last_error AS LastError FROM outbox WHERE id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false) is { } row ? row.ToEntry() : null;
    }

    /// <summary>Events by topic and status, newest first (operators, tests).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string topic, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            "SELECT id AS Id, topic AS Topic, status AS Status, attempts AS Attempts, last_error AS LastError FROM outbox WHERE topic = @topic ORDER BY created_at DESC, id DESC",
            new { topic }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    // Property rows, not positional records: Dapper converts SQLite's Int64 and PostgreSQL's Int32 alike.
    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string Topic { get; set; } = "";

        public string Payload { get; set; } = "";

        public long CreatedAt { get; set; }

        public long Attempts { get; set; }
    }

    private sealed class EntryRow
    {
        public string Id { get; set; } = "";

        public string Topic { get; set; } = "";

        public string Status { get; set; } = "";

        public long Attempts { get; set; }

        public string? LastError { get; set; }

        public OutboxEntry ToEntry() => new(Id, Topic, Status, Attempts, LastError);
    }
}
