namespace Tributary.Rooms.Ice;

/// <summary>One ICE server for clients: a STUN URL, or a TURN URL with credentials.</summary>
public sealed class IceServer
{
    /// <summary>The URL(s), e.g. <c>stun:stun.example.org:3478</c> or <c>turn:turn.example.org:3478</c>.</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>TURN user name (empty for STUN).</summary>
    public string? Username { get; set; }

    /// <summary>TURN credential (empty for STUN). Never logged.</summary>
    public string? Credential { get; set; }
}
