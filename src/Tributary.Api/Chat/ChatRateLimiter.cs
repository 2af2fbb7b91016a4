using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tributary.Api.Chat;

/// <summary>
/// Sliding-window limits of chat messages: per (user, room) (<see cref="ChatOptions.MessagesPerWindow"/>)
/// and per user over all rooms (<see cref="ChatOptions.UserMessagesPerWindow"/>), kept in this node's
/// memory: a user whose requests are spread over several API nodes gets the limits once per node (sticky
/// sessions make that rare; the bound is still per node). A refused message counts against nothing.
/// </summary>
public sealed class ChatRateLimiter(IOptions<ChatOptions> options, TimeProvider time)
{
    // The room part of a user's all-rooms log; no room id is empty.
    private const string AllRooms = "";

    private readonly ConcurrentDictionary<(string UserId, string RoomId), Queue<long>> _sent = new();

    /// <summary>Counts one message; null when allowed, else how long until the next one is.</summary>
    public TimeSpan? TryAcquire(string userId, string roomId)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        var limit = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var window = (long)limit.Window.TotalMilliseconds;
        if (_sent.Count >= limit.MaxTrackedSenders)
        {
            Sweep(now - window);
        }

        // Always the user's log first, then the room's: one order, so two requests cannot deadlock.
        var user = _sent.GetOrAdd((userId, AllRooms), _ => new Queue<long>());
        var room = _sent.GetOrAdd((userId, roomId), _ => new Queue<long>());
        lock (user)
        {
            lock (room)
            {
                var userWait = Wait(user, limit.UserMessagesPerWindow, now, window);
                var roomWait = Wait(room, limit.MessagesPerWindow, now, window);
                if (userWait is not null || roomWait is not null)
                {
                    return TimeSpan.FromMilliseconds(Math.Max(userWait ?? 0, roomWait ?? 0));
                }

                user.Enqueue(now);
                room.Enqueue(now);
                return null;
            }
        }
    }

    /// <summary>Drops expired entries; null when the log has room, else milliseconds until it has.</summary>
    private static long? Wait(Queue<long> log, int max, long now, long window)
    {
        while (log.Count > 0 && log.Peek() <= now - window)
        {
            log.Dequeue();
        }

        return log.Count >= max ? Math.Max(1, log.Peek() + window - now) : null;
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
