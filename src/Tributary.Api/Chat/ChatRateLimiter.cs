using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tributary.Api.Chat;

/// <summary>
/// Sliding-window limit of chat messages per (user, room), kept in this node's memory: a user whose
/// requests are spread over several API nodes gets the limit once per node (sticky sessions make that
/// rare; the bound is still per-node).
/// </summary>
public sealed class ChatRateLimiter(IOptions<ChatOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string UserId, string RoomId), Queue<long>> _sent = new();

    /// <summary>Counts one message; null when allowed, else how long until the next one is.</summary>
    public TimeSpan? TryAcquire(string userId, string roomId)
    {
        var limit = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var window = (long)limit.Window.TotalMilliseconds;
        if (_sent.Count >= limit.MaxTrackedSenders)
        {
            Sweep(now - window);
        }

        var log = _sent.GetOrAdd((userId, roomId), _ => new Queue<long>());
        lock (log)
        {
            while (log.Count > 0 && log.Peek() <= now - window)
            {
                log.Dequeue();
            }

            if (log.Count >= limit.MessagesPerWindow)
            {
                return TimeSpan.FromMilliseconds(Math.Max(1, log.Peek() + window - now));
            }

            log.Enqueue(now);
            return null;
        }
    }

    private void Sweep(long before)
    {
        foreach (var (key, log) in _sent)
        {
            lock (log)
            {
                if (log.Count == 0 || log.Last() <= before)
                {
                    _sent.TryRemove(key, out _);
                }
            }
        }
    }
}
