using System.Threading.Channels;

namespace Tributary.Api.Realtime;

/// <summary>A local subscriber's view of a topic. Dispose to unsubscribe.</summary>
public sealed class TopicSubscription : IDisposable
{
    private readonly Action<TopicSubscription> _release;
    private int _disposed;

    internal TopicSubscription(string topic, int capacity, Action<TopicSubscription> release)
    {
        Topic = topic;
        _release = release;
        Channel = System.Threading.Channels.Channel.CreateBounded<TopicEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>Events in order. Completes with <see cref="SlowSubscriberException"/> when the subscriber fell too far behind.</summary>
    public ChannelReader<TopicEvent> Reader => Channel.Reader;

    internal Channel<TopicEvent> Channel { get; }

    /// <summary>Hands an event over; false (and the subscription is ended) when its buffer is full.</summary>
    internal bool Offer(TopicEvent topicEvent)
    {
        if (Channel.Writer.TryWrite(topicEvent))
        {
            return true;
        }

        Channel.Writer.TryComplete(new SlowSubscriberException(Topic));
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Channel.Writer.TryComplete();
            _release(this);
        }
    }
}
