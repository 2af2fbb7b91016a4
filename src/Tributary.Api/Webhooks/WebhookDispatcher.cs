using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Data.Outbox;

namespace Tributary.Api.Webhooks;

/// <summary>
/// POSTs due deliveries to their endpoints, signed; 2xx settles a delivery, anything else is retried
/// with exponential back-off until <see cref="WebhookOptions.MaxAttempts"/>, then dead-lettered.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookStore store,
    IHttpClientFactory clients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>The named HttpClient deliveries use (with the address guard).</summary>
    public const string ClientName = "webhooks";

    private readonly Counter<long> _sent = meters.Create("Tributary.Webhooks").CreateCounter<long>("tributary.webhooks.attempts");

    /// <summary>Runs one round; returns how many deliveries were attempted.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = await store.ClaimDueAsync(o.BatchSize, now, now + (long)o.LeaseDuration.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, ct) =>
            await DeliverAsync(item.Delivery, item.Url, item.Secret, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return batch.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int attempted;
            try
            {
                attempted = await DispatchOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRoundFailed(logger, e);
                attempted = 0;
            }

            if (attempted == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, string url, string secret, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var body = Encoding.UTF8.GetBytes($"{{\"id\":\"{delivery.EventId}\",\"type\":\"{delivery.Topic}\",\"createdAt\":{delivery.CreatedAt},\"data\":{delivery.Payload}}}");
        var sentAt = time.GetUtcNow();
        int? status = null;
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(secret, sentAt.ToUnixTimeSeconds(), body));
            request.Headers.Add("Tributary-Event", delivery.Topic);
            request.Headers.Add("Tributary-Event-Id", delivery.EventId);
            request.Headers.Add("Tributary-Delivery", delivery.Id);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(o.Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                _sent.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
                await store.MarkDeliveredAsync(delivery.Id, status.Value, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
                return;
            }

            error = $"endpoint answered {status}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e is OperationCanceledException ? $"no answer within {o.Timeout}" : e.Message;
        }

        var dead = delivery.Attempts >= o.MaxAttempts;
        var retryAt = time.GetUtcNow() + OutboxDispatcher.RetryDelay((int)delivery.Attempts, o.BaseRetryDelay, o.MaxRetryDelay);
        _sent.Add(1, new KeyValuePair<string, object?>("outcome", dead ? "dead" : "failed"));
        await store.MarkFailedAsync(delivery.Id, status, error, retryAt.ToUnixTimeMilliseconds(), dead, cancellationToken).ConfigureAwait(false);
        LogFailed(logger, delivery.Id, delivery.WebhookId, delivery.Attempts, dead, error);
    }

    [LoggerMessage(EventId = 3900, Level = LogLevel.Warning, Message = "Webhook delivery {Id} to {WebhookId} failed (attempt {Attempt}, dead: {Dead}): {Error}")]
    private static partial void LogFailed(ILogger logger, string id, string webhookId, long attempt, bool dead, string error);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Error, Message = "Webhook dispatch round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
