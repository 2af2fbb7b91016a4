namespace Tributary.Client;

/// <summary>The room type (<c>ch</c>).</summary>
public enum RoomChannel
{
    /// <summary><c>m2m</c>: group video through the media plane.</summary>
    M2m,
    /// <summary><c>a2m</c>: audio-only group.</summary>
    A2m,
    /// <summary><c>p2m</c>: live broadcast over LL-HLS.</summary>
    P2m,
    /// <summary><c>p2p</c>: 1:1 call; the server relays OFFER/ANSWER/ICE between the peers.</summary>
    P2p,
}
