using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Tributary.Api.Realtime;

/// <summary>
/// Fan-out point of one topic. Holds no durable state: nodes re-subscribe on a timer, so a
/// re-activated grain (after its silo died) learns its listeners again within one refresh period.
/// </summary>
public sealed class TopicGrain(ILogger<TopicGrain> logger) : Grain, ITopicGrain
{
    /// <summary>A listener that has not refreshed for this long is dropped. Nodes refresh at a third of it.</summary>
    public static readonly TimeSpan ListenerExpiry = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<ITopicObserver> _listeners = new(ListenerExpiry, logger);

    /// <inheritdoc />
    public Task SubscribeAsync(ITopicObserver observer)
    {
        _listeners.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(ITopicObserver observer)
    {
        _listeners.Unsubscribe(observer);
        if (_listeners.Count == 0)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishAsync(TopicEvent topicEvent)
    {
        _listeners.Notify(o => o.OnEventAsync(topicEvent));
        return Task.CompletedTask;
    }
}
