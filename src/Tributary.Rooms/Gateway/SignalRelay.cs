using System.Collections.Concurrent;
using System.Text;
using Tributary.Rooms.Grains;

namespace Tributary.Rooms.Gateway;

/// <summary>
/// This node's end of room delivery: which room sessions have their socket here. Room grains on any silo
/// hold a grain-observer reference to it and push messages through <see cref="DeliverAsync"/>.
/// </summary>
internal sealed class SignalRelay(IGrainFactory grains) : IRoomObserver
{
    private readonly ConcurrentDictionary<(string Room, string Session), SignalConnection> _sessions = new();
    private IRoomObserver? _self;

    /// <summary>The reference rooms use to reach this node (created once; held strongly by this singleton).</summary>
    public IRoomObserver Reference => _self ??= grains.CreateObjectReference<IRoomObserver>(this);

    /// <summary>Sessions with a socket here.</summary>
    public int Count => _sessions.Count;

    /// <summary>Routes a room session to <paramref name="connection"/>; true when that is new.</summary>
    public bool Attach(string roomId, string sessionId, SignalConnection connection)
    {
        var key = (roomId, sessionId);
        var previous = _sessions.GetValueOrDefault(key);
        if (ReferenceEquals(previous, connection))
        {
            return false;
        }

        _sessions[key] = connection;
        connection.Track(key);
        return true;
    }

    /// <summary>Forgets a room session if it is still routed to <paramref name="connection"/>.</summary>
    public void Detach(string roomId, string sessionId, SignalConnection connection)
    {
        var key = (roomId, sessionId);
        if (_sessions.TryRemove(new KeyValuePair<(string, string), SignalConnection>(key, connection)))
        {
            connection.Untrack(key);
        }
    }

    public Task DeliverAsync(RoomDelivery delivery)
    {
        var payload = delivery.Payload.Length > 0 ? Encoding.UTF8.GetBytes(delivery.Payload) : null;
        foreach (var sessionId in delivery.SessionIds)
        {
            if (!_sessions.TryGetValue((delivery.RoomId, sessionId), out var connection))
            {
                continue;
            }

            if (payload is not null)
            {
                connection.Enqueue(payload);
            }

            if (delivery.Detach)
            {
                Detach(delivery.RoomId, sessionId, connection);
            }
        }

        return Task.CompletedTask;
    }
}
