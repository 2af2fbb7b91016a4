namespace Tributary.Fleet.Cascading;

/// <summary>One forward of a publisher's station from its munit (origin) to another munit (target) whose viewers subscribe there.</summary>
/// <param name="Id">Unique id (the remote id on the origin's VideoRoom); a re-created forward gets a new one.</param>
/// <param name="RoomId">The room.</param>
/// <param name="PublisherSessionId">The forwarded publisher.</param>
/// <param name="OriginMunitId">The munit holding the publisher's station.</param>
/// <param name="TargetMunitId">The munit receiving the forward.</param>
/// <param name="Viewers">Downlinks served through it.</param>
/// <param name="Ready">True once both munits confirmed it was set up.</param>
[GenerateSerializer, Immutable]
public sealed record CascadeForward(
    [property: Id(0)] string Id,
    [property: Id(1)] string RoomId,
    [property: Id(2)] string PublisherSessionId,
    [property: Id(3)] string OriginMunitId,
    [property: Id(4)] string TargetMunitId,
    [property: Id(5)] int Viewers,
    [property: Id(6)] bool Ready);
