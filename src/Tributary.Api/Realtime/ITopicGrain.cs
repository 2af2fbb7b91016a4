namespace Tributary.Api.Realtime;

/// <summary>One topic of the cluster: the nodes listening to it, and fan-out of published events to them.</summary>
public interface ITopicGrain : IGrainWithStringKey
{
    /// <summary>Adds or refreshes a node's listener; listeners that stop refreshing expire.</summary>
    Task SubscribeAsync(ITopicObserver observer);

    /// <summary>Removes a node's listener.</summary>
    Task UnsubscribeAsync(ITopicObserver observer);

    /// <summary>Sends an event to every listening node.</summary>
    Task PublishAsync(TopicEvent topicEvent);
}
