using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tributary.Data.Outbox;

/// <summary>
/// Delivers outbox events to every <see cref="IOutboxConsumer"/> that accepts them, at least once,
/// with exponential back-off and a dead-letter state (runs in the <c>control</c> role).
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    IEnumerable<IOutboxConsumer> consumers,
    IOptions<OutboxOptions> options,
    OutboxSignal signal,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly IOutboxConsumer[] _consumers = [.. consumers];
    private readonly Counter<long> _delivered = meters.Create("Tributary.Outbox").CreateCounter<long>("tributary.outbox.delivered");
    private readonly Counter<long> _failed = meters.Create("Tributary.Outbox").CreateCounter<long>("tributary.outbox.failed");
    private readonly Counter<long> _dead = meters.Create("Tributary.Outbox").CreateCounter<long>("tributary.outbox.dead");

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based): base × 2^(attempt-1), capped.</summary>
    public static TimeSpan RetryDelay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(Math.Min(baseDelay.TotalMilliseconds * factor, maxDelay.TotalMilliseconds));
        return delay;
    }

    /// <summary>Runs one round: claims due events and delivers them. Returns how many were claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = await store.ClaimDueAsync(o.BatchSize, now, now + (long)o.LeaseDuration.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
        foreach (var message in batch)
        {
            try
            {
                foreach (var consumer in _consumers)
                {
                    if (consumer.Accepts(message.Topic))
                    {
                        await consumer.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                    }
                }

                await store.MarkDeliveredAsync(message.Id, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
                _delivered.Add(1);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var dead = message.Attempts >= o.MaxAttempts;
                var retryAt = time.GetUtcNow() + RetryDelay(message.Attempts, o.BaseRetryDelay, o.MaxRetryDelay);
                await store.MarkFailedAsync(message.Id, $"{e.GetType().Name}: {e.Message}", retryAt.ToUnixTimeMilliseconds(), dead, cancellationToken).ConfigureAwait(false);
                if (dead)
                {
                    _dead.Add(1);
                    LogDeadLettered(logger, message.Id, message.Topic, message.Attempts, e);
                }
                else
                {
                    _failed.Add(1);
                    LogRetry(logger, message.Id, message.Topic, message.Attempts, e);
                }
            }
        }

        return batch.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await DispatchOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is down or the schema is missing: keep trying, the events are safe in the table.
                LogRoundFailed(logger, e);
                claimed = 0;
            }

            if (claimed == 0)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Outbox event {Id} ({Topic}) failed on attempt {Attempt}; will retry")]
    private static partial void LogRetry(ILogger logger, string id, string topic, int attempt, Exception error);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Outbox event {Id} ({Topic}) dead-lettered after {Attempt} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string id, string topic, int attempt, Exception error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Outbox dispatch round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
