using Microsoft.Extensions.Logging;

namespace Tributary.Hls.Broadcasts;

// Edge caches watching this broadcast: each is told of every change before the change is answered,
// on a lease the edge renews while it serves the broadcast (docs/hls.md, "Edge cache").
public sealed partial class BroadcastGrain
{
    private readonly Dictionary<IBroadcastWatcher, DateTimeOffset> _watchers = [];
    private readonly long _epoch = Random.Shared.NextInt64();
    private long _windowNumber;
    private long _change;

    private BroadcastVersion CurrentVersion => new(_epoch, _windowNumber, _change);

    /// <inheritdoc />
    public Task<BroadcastVersion> WatchAsync(IBroadcastWatcher watcher)
    {
        _watchers[watcher] = _time.GetUtcNow() + _options.EdgeWatchLease;
        return Task.FromResult(CurrentVersion);
    }

    // Tells every watcher of the current version; one that fails or is slow is dropped (it re-watches
    // on its next request, and until then asks this grain).
    private async Task NotifyWatchersAsync()
    {
        if (_watchers.Count == 0)
        {
            return;
        }

        var version = CurrentVersion;
        var key = this.GetPrimaryKeyString();
        var now = _time.GetUtcNow();
        var calls = new List<(IBroadcastWatcher Watcher, Task Call)>(_watchers.Count);
        foreach (var (watcher, until) in _watchers)
        {
            if (until > now)
            {
                calls.Add((watcher, watcher.ChangedAsync(key, version)));
            }
        }

        foreach (var (watcher, until) in _watchers.ToList())
        {
            if (until <= now)
            {
                _watchers.Remove(watcher);
            }
        }

        foreach (var (watcher, call) in calls)
        {
            try
            {
                await call.WaitAsync(_options.EdgeNotifyTimeout, _time);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _watchers.Remove(watcher);
                LogWatcherDropped(_logger, key, e);
            }
        }
    }

    private async Task ForgetWatchersAsync()
    {
        var key = this.GetPrimaryKeyString();
        foreach (var watcher in _watchers.Keys)
        {
            try
            {
                await watcher.GoneAsync(key, _epoch).WaitAsync(_options.EdgeNotifyTimeout, _time);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWatcherDropped(_logger, key, e);
            }
        }

        _watchers.Clear();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Broadcast {Key} dropped an edge watcher that did not take a change")]
    private static partial void LogWatcherDropped(ILogger logger, string key, Exception exception);
}
