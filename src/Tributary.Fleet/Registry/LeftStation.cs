using Tributary.Media.Munits;

namespace Tributary.Fleet.Registry;

/// <summary>
/// A station an administrator moved off a munit that still runs (Assign): the sweeper releases the session there
/// before the room gets RESTART, so the old munit's Janus does not keep the publisher's PeerConnection.
/// </summary>
/// <param name="SessionId">The publisher's session.</param>
/// <param name="Munit">The munit the station was on.</param>
[GenerateSerializer, Immutable]
public sealed record LeftStation(
    [property: Id(0)] string SessionId,
    [property: Id(1)] MunitPlacement Munit);
