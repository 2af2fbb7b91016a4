namespace Tributary.Rooms.Grains;

/// <summary>
/// Messages from a room to sessions whose sockets sit on one gateway node. <see cref="Detach"/>: the sessions
/// are no longer members (KICK, expiry) and the node forgets them after delivering.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomDelivery(
    [property: Id(0)] string RoomId,
    [property: Id(1)] IReadOnlyList<string> SessionIds,
    [property: Id(2)] string Payload,
    [property: Id(3)] bool Detach);
