using Orleans.Concurrency;

namespace Tributary.Api.Realtime;

/// <summary>A node's listener on a topic grain: one per topic per node, however many local subscribers.</summary>
public interface ITopicObserver : IGrainObserver
{
    /// <summary>Delivers an event (one-way: a slow node never holds up the publisher).</summary>
    [OneWay]
    Task OnEventAsync(TopicEvent topicEvent);
}
