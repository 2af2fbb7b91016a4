namespace Tributary.Rooms;

/// <summary>One publishing session of a live room: what a studio needs to put it on stage.</summary>
/// <param name="SessionId">The publisher's session id (the stage entry, the <c>to.sessionId</c> of signals).</param>
/// <param name="UserId">Who publishes.</param>
/// <param name="Host">The client kind from the JOIN's <c>ss.host</c> (<c>iOS</c>, <c>Web</c>, …), when given.</param>
/// <param name="Category"><c>stream</c> or <c>screenshare</c>, when given.</param>
/// <param name="Video">Video enabled.</param>
/// <param name="Audio">Audio enabled.</param>
/// <param name="Publishing">The uplink is live (m2m/a2m: its OFFER was answered).</param>
[GenerateSerializer, Immutable]
public sealed record RoomStream(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string? Host,
    [property: Id(3)] string? Category,
    [property: Id(4)] bool Video,
    [property: Id(5)] bool Audio,
    [property: Id(6)] bool Publishing);
