namespace Tributary.Media.Munits;

/// <summary>One station a munit's Janus really holds: a VideoRoom publisher handle (Janus room = our room id, feed id = the publisher's session id).</summary>
/// <param name="RoomId">The room.</param>
/// <param name="SessionId">The publisher's session.</param>
[GenerateSerializer, Immutable]
public sealed record MunitStation(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string SessionId);
