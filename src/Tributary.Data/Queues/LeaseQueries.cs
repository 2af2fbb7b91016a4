using Tributary.Data.Sources;

namespace Tributary.Data.Queues;

/// <summary>
/// SQL of a lease-based work table (outbox, webhook deliveries): rows with <c>status</c>
/// (<c>pending</c>/<c>delivered</c>/<c>dead</c>), <c>available_at</c>, <c>lease_until</c>,
/// <c>attempts</c>, <c>last_error</c> and <c>delivered_at</c>. Claiming leases rows instead of
/// holding a transaction, so it works through transaction-mode poolers; a worker that dies
/// releases its rows when the lease ends.
/// </summary>
public static class LeaseQueries
{
    /// <summary>
    /// Leases up to <c>@batchSize</c> rows due at <c>@now</c> until <c>@leaseUntil</c>, counting the attempt,
    /// and returns <paramref name="returning"/>. PostgreSQL workers skip each other's rows (SKIP LOCKED).
    /// </summary>
    public static string Claim(Dialect dialect, string table, string returning) => $"""
        UPDATE {table} SET lease_until = @leaseUntil, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM {table}
            WHERE status = 'pending' AND available_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY available_at, id
            LIMIT @batchSize
            {(dialect == Dialect.Postgres ? "FOR UPDATE SKIP LOCKED" : string.Empty)})
        RETURNING {returning}
        """;

    /// <summary>Settles row <c>@id</c> as delivered at <c>@now</c>; <paramref name="alsoSet"/> adds assignments.</summary>
    public static string Delivered(string table, string? alsoSet = null) =>
        $"UPDATE {table} SET status = 'delivered', delivered_at = @now, lease_until = NULL, last_error = NULL{Also(alsoSet)} WHERE id = @id";

    /// <summary>
    /// Row <c>@id</c> failed with <c>@error</c>: back to <c>@status</c> (pending or dead), due again at <c>@retryAt</c>;
    /// <paramref name="alsoSet"/> adds assignments.
    /// </summary>
    public static string Failed(string table, string? alsoSet = null) =>
        $"UPDATE {table} SET status = @status, available_at = @retryAt, lease_until = NULL, last_error = @error{Also(alsoSet)} WHERE id = @id";

    /// <summary>Puts dead row <c>@id</c> back in the queue at <c>@now</c> with a fresh attempt count.</summary>
    public static string Replay(string table) =>
        $"UPDATE {table} SET status = 'pending', attempts = 0, available_at = @now, lease_until = NULL WHERE id = @id AND status = 'dead'";

    private static string Also(string? assignments) => string.IsNullOrEmpty(assignments) ? string.Empty : ", " + assignments;

    /// <summary>Errors are stored cut to this many characters.</summary>
    public static string Truncate(string error) => error.Length > 2000 ? error[..2000] : error;
}
