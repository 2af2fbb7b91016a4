using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tributary.Api.Realtime;

/// <summary>
/// This node's end of the cluster's topics: local subscribers share one grain listener per topic, so
/// an event crosses the network once per node, then fans out in memory to bounded per-subscriber buffers.
/// </summary>
public sealed partial class TopicHub(
    IGrainFactory grains,
    IOptions<TopicHubOptions> options,
    IMeterFactory meters,
    ILogger<TopicHub> logger) : BackgroundService
{
    private readonly Dictionary<string, Listener> _listeners = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Counter<long> _dropped = meters.Create("Tributary.Realtime").CreateCounter<long>("tributary.realtime.dropped_subscribers");

    /// <summary>Subscribers on this node (all topics).</summary>
    public int LocalSubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Values.Sum(l => l.Subscribers.Count);
            }
        }
    }

    /// <summary>
    /// Subscribes to <paramref name="topic"/>. Completes once the topic grain knows this node, so an
    /// event published after it returns is delivered.
    /// </summary>
    public async Task<TopicSubscription> SubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        var subscription = new TopicSubscription(topic, options.Value.SubscriberBuffer, Release);
        Listener listener;
        lock (_gate)
        {
            if (!_listeners.TryGetValue(topic, out listener!))
            {
                listener = new Listener(this, topic);
                listener.Reference = grains.CreateObjectReference<ITopicObserver>(listener);
                listener.Ready = grains.GetGrain<ITopicGrain>(topic).SubscribeAsync(listener.Reference);
                _listeners[topic] = listener;
            }

            listener.Subscribers.Add(subscription);
        }

        try
        {
            await listener.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return subscription;
    }

    /// <summary>Publishes an event to every subscriber of its topic on every node.</summary>
    public Task PublishAsync(TopicEvent topicEvent) => grains.GetGrain<ITopicGrain>(topicEvent.Topic).PublishAsync(topicEvent);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                List<Listener> current;
                lock (_gate)
                {
                    current = [.. _listeners.Values];
                }

                foreach (var listener in current)
                {
                    try
                    {
                        await grains.GetGrain<ITopicGrain>(listener.Topic).SubscribeAsync(listener.Reference!).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogRefreshFailed(logger, listener.Topic, e);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Deliver(Listener listener, TopicEvent topicEvent)
    {
        TopicSubscription[] subscribers;
        lock (_gate)
        {
            subscribers = [.. listener.Subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            if (!subscriber.Offer(topicEvent))
            {
                _dropped.Add(1);
                LogSlowSubscriber(logger, topicEvent.Topic);
                subscriber.Dispose();
            }
        }
    }

    private void Release(TopicSubscription subscription)
    {
        Listener? emptied = null;
        lock (_gate)
        {
            if (_listeners.TryGetValue(subscription.Topic, out var listener) && listener.Subscribers.Remove(subscription) && listener.Subscribers.Count == 0)
            {
                _listeners.Remove(subscription.Topic);
                emptied = listener;
            }
        }

        if (emptied?.Reference is { } reference)
        {
            _ = UnsubscribeAsync(emptied.Topic, reference);
        }
    }

    private async Task UnsubscribeAsync(string topic, ITopicObserver reference)
    {
        try
        {
            await grains.GetGrain<ITopicGrain>(topic).UnsubscribeAsync(reference).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The grain forgets listeners that stop refreshing anyway.
            LogRefreshFailed(logger, topic, e);
        }
        finally
        {
            grains.DeleteObjectReference<ITopicObserver>(reference);
        }
    }

    [LoggerMessage(EventId = 3460, Level = LogLevel.Warning, Message = "Could not refresh this node's listener on topic {Topic}")]
    private static partial void LogRefreshFailed(ILogger logger, string topic, Exception error);

    [LoggerMessage(EventId = 3461, Level = LogLevel.Information, Message = "Dropped a slow subscriber of topic {Topic}")]
    private static partial void LogSlowSubscriber(ILogger logger, string topic);

    private sealed class Listener(TopicHub hub, string topic) : ITopicObserver
    {
        public string Topic { get; } = topic;

        public HashSet<TopicSubscription> Subscribers { get; } = [];

        public ITopicObserver? Reference { get; set; }

        public Task Ready { get; set; } = Task.CompletedTask;

        public Task OnEventAsync(TopicEvent topicEvent)
        {
            hub.Deliver(this, topicEvent);
            return Task.CompletedTask;
        }
    }
}
