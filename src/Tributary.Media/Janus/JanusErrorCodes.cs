namespace Tributary.Media.Janus;

/// <summary>The Janus and VideoRoom error codes the media plane acts on, and our own for transport failures.</summary>
public static class JanusErrorCodes
{
    /// <summary>Ours: Janus did not answer (connection refused, reset, not JSON).</summary>
    public const int Unreachable = -1;

    /// <summary>Ours: Janus did not answer within <see cref="JanusOptions.RequestTimeout"/>.</summary>
    public const int Timeout = -2;

    /// <summary>Ours: the session was closed (destroyed, timed out or Janus restarted) while the request waited.</summary>
    public const int SessionClosed = -3;

    /// <summary>Janus: wrong or missing secret.</summary>
    public const int Unauthorized = 403;

    /// <summary>Janus: no such session (it timed out, was destroyed, or Janus restarted).</summary>
    public const int SessionNotFound = 458;

    /// <summary>Janus: no such handle.</summary>
    public const int HandleNotFound = 459;

    /// <summary>Janus: no such plugin.</summary>
    public const int PluginNotFound = 460;

    /// <summary>Janus: the plugin refused the message.</summary>
    public const int PluginMessageError = 462;

    /// <summary>Janus: invalid JSEP (SDP).</summary>
    public const int InvalidJsep = 465;

    /// <summary>VideoRoom: no such room.</summary>
    public const int NoSuchRoom = 426;

    /// <summary>VideoRoom: room already exists.</summary>
    public const int RoomExists = 427;

    /// <summary>VideoRoom: no such feed.</summary>
    public const int NoSuchFeed = 428;

    /// <summary>VideoRoom: already joined / publisher id taken.</summary>
    public const int IdExists = 436;
}
