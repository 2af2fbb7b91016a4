using Orleans.Concurrency;

namespace Tributary.Rooms.Grains;

/// <summary>A gateway node, as room grains on any silo see it: they push messages for its sockets here.</summary>
public interface IRoomObserver : IGrainObserver
{
    /// <summary>Delivers one message to some sessions of a room on this node (fire and forget).</summary>
    [OneWay]
    Task DeliverAsync(RoomDelivery delivery);
}
