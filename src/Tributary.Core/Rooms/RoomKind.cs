namespace Tributary.Rooms;

/// <summary>The four room types of SIGNALING.md (<c>ch</c>).</summary>
public enum RoomKind
{
    /// <summary>Group video through the media plane.</summary>
    M2m,
    /// <summary>Audio-only group.</summary>
    A2m,
    /// <summary>Live broadcast over LL-HLS.</summary>
    P2m,
    /// <summary>1:1 call, peer to peer.</summary>
    P2p,
}
