using Tributary.Api.Realtime;

namespace Tributary.Api.Subscriptions;

/// <summary>
/// A <see cref="TopicSubscription"/> (already registered, so nothing published after the resolver
/// returned is missed) as the observable GraphQL.NET's subscription execution consumes. A subscriber
/// the hub dropped as too slow gets <see cref="SlowSubscriberException"/> and <paramref name="onSlow"/> runs.
/// </summary>
/// <typeparam name="T">The event's GraphQL source object.</typeparam>
public sealed class TopicObservable<T>(TopicSubscription subscription, Func<TopicEvent, T?> map, Action? onSlow) : IObservable<T?>
    where T : class
{
    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<T?> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var stop = new CancellationTokenSource();
        _ = PumpAsync(observer, stop.Token);
        return new Unsubscriber(subscription, stop);
    }

    private async Task PumpAsync(IObserver<T?> observer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var topicEvent in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (map(topicEvent) is { } value)
                {
                    observer.OnNext(value);
                }
            }

            observer.OnCompleted();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is SlowSubscriberException || e.InnerException is SlowSubscriberException)
        {
            onSlow?.Invoke();
            observer.OnError(e);
        }
    }

    private sealed class Unsubscriber(TopicSubscription subscription, CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            subscription.Dispose();
            stop.Dispose();
        }
    }
}
