namespace Tributary.Rooms;

/// <summary>What other areas (LL-HLS, the API) may know of a live room.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomSnapshot(
    [property: Id(0)] string RoomId,
    [property: Id(1)] RoomKind Kind,
    [property: Id(2)] string? OwnerUserId,
    [property: Id(3)] IReadOnlyList<string> PublisherUserIds,
    [property: Id(4)] int MemberCount)
{
    /// <summary>The publishing sessions, oldest publisher (the owner) first.</summary>
    [Id(5)]
    public IReadOnlyList<RoomStream> Streams { get; init; } = [];
}
