using Tributary.Ids;
using System.Security.Cryptography;
using Dapper;
using Tributary.Data;
using Tributary.Data.Queues;

namespace Tributary.Api.Webhooks;

/// <summary>Webhook registrations and their deliveries.</summary>
public sealed class WebhookStore(Database database)
{
    private const string DeliveryColumns =
        "id AS Id, webhook_id AS WebhookId, event_id AS EventId, topic AS Topic, payload AS Payload, created_at AS CreatedAt, " +
        "status AS Status, attempts AS Attempts, last_status_code AS LastStatusCode, last_error AS LastError";

    /// <summary>Registers an endpoint; returns it with its signing secret (shown once).</summary>
    public async Task<(Webhook Webhook, string Secret)> CreateAsync(string url, IReadOnlyList<string> events, string createdBy, long now, CancellationToken cancellationToken = default)
    {
        var id = TimeOrderedId.New();
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhooks (id, url, secret, events, created_by, created_at) VALUES (@id, @url, @secret, @events, @createdBy, @now)",
            new { id, url, secret, events = string.Join(',', events), createdBy, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (new Webhook(id, url, events, createdBy, now, true), secret);
    }

    /// <summary>Every registered endpoint, oldest first.</summary>
    public async Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            "SELECT id AS Id, url AS Url, events AS Events, created_by AS CreatedBy, created_at AS CreatedAt, disabled_at AS DisabledAt FROM webhooks ORDER BY created_at, id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToWebhook()).ToList();
    }

    /// <summary>Stops deliveries to an endpoint; false when unknown or already disabled.</summary>
    public async Task<bool> DisableAsync(string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET disabled_at = @now WHERE id = @id AND disabled_at IS NULL", new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Creates one delivery per active endpoint subscribed to <paramref name="topic"/>. Idempotent per
    /// (endpoint, event): the outbox may hand the same event over more than once.
    /// </summary>
    public async Task<int> FanOutAsync(string eventId, string topic, string payload, long createdAt, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var hooks = await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            "SELECT id AS Id, url AS Url, events AS Events, created_by AS CreatedBy, created_at AS CreatedAt, disabled_at AS DisabledAt FROM webhooks WHERE disabled_at IS NULL",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var created = 0;
        foreach (var hook in hooks.Select(h => h.ToWebhook()).Where(h => h.Events.Contains(topic)))
        {
            created += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO webhook_deliveries (id, webhook_id, event_id, topic, payload, created_at, available_at, attempts, status)
                VALUES (@id, @webhookId, @eventId, @topic, @payload, @createdAt, @now, 0, 'pending')
                ON CONFLICT (webhook_id, event_id) DO NOTHING
                """,
                new { id = TimeOrderedId.New(), webhookId = hook.Id, eventId, topic, payload, createdAt, now },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>Leases due deliveries, with each endpoint's URL and secret.</summary>
    public async Task<IReadOnlyList<(WebhookDelivery Delivery, string Url, string Secret)>> ClaimDueAsync(int batchSize, long now, long leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var claimed = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            LeaseQueries.Claim(database.Dialect, "webhook_deliveries", DeliveryColumns),
            new { now, leaseUntil, batchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (claimed.Count == 0)
        {
            return [];
        }

        var (clause, parameters) = Database.InIds("id", claimed.Select(c => c.WebhookId));
        var targets = (await connection.QueryAsync<(string Id, string Url, string Secret)>(new CommandDefinition(
            $"SELECT id, url, secret FROM webhooks WHERE {clause}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(t => t.Id);
        return claimed.OrderBy(c => c.CreatedAt).Select(c => (c.ToDelivery(), targets[c.WebhookId].Url, targets[c.WebhookId].Secret)).ToList();
    }

    /// <summary>Settles a delivery as delivered.</summary>
    public async Task MarkDeliveredAsync(string id, int statusCode, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            LeaseQueries.Delivered("webhook_deliveries", "last_status_code = @statusCode"),
            new { id, now, statusCode }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or dead.</summary>
    public async Task MarkFailedAsync(string id, int? statusCode, string error, long retryAt, bool dead, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            LeaseQueries.Failed("webhook_deliveries", "last_status_code = @statusCode"),
            new { id, statusCode, retryAt, status = dead ? "dead" : "pending", error = LeaseQueries.Truncate(error) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Sends a dead delivery again; false when it is not dead.</summary>
    public async Task<bool> ReplayAsync(string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            LeaseQueries.Replay("webhook_deliveries"), new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Deliveries of an endpoint, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @webhookId ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { webhookId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    private sealed class WebhookRow
    {
        public string Id { get; set; } = "";

        public string Url { get; set; } = "";

        public string Events { get; set; } = "";

        public string CreatedBy { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? DisabledAt { get; set; }

        public Webhook ToWebhook() => new(Id, Url, Events.Split(',', StringSplitOptions.RemoveEmptyEntries), CreatedBy, CreatedAt, DisabledAt is null);
    }

    private sealed class DeliveryRow
    {
        public string Id { get; set; } = "";

        public string WebhookId { get; set; } = "";

        public string EventId { get; set; } = "";

        public string Topic { get; set; } = "";

        public string Payload { get; set; } = "";

        public long CreatedAt { get; set; }

        public string Status { get; set; } = "";

        public long Attempts { get; set; }

        public long? LastStatusCode { get; set; }

        public string? LastError { get; set; }

        public WebhookDelivery ToDelivery() => new(Id, WebhookId, EventId, Topic, Payload, CreatedAt, Status, Attempts, LastStatusCode, LastError);
    }
}
