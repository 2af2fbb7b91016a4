namespace Tributary.Rooms.Protocol;

/// <summary>The client-to-server signals of SIGNALING.md.</summary>
public enum SignalKind
{
    /// <summary><c>join</c> / JOIN.</summary>
    Join,
    /// <summary><c>leave</c> / LEAVE.</summary>
    Leave,
    /// <summary><c>updateVideo</c> / UPDATE.</summary>
    Update,
    /// <summary><c>heartbeat</c> / HEARTBEAT.</summary>
    Heartbeat,
    /// <summary><c>kick</c> / KICK.</summary>
    Kick,
    /// <summary><c>publishRequest</c> / PUBLISH_REQUEST.</summary>
    PublishRequest,
    /// <summary><c>publishAccept</c> / PUBLISH_ACCEPT.</summary>
    PublishAccept,
    /// <summary><c>publishReject</c> / PUBLISH_REJECT.</summary>
    PublishReject,
    /// <summary><c>offer</c> / OFFER.</summary>
    Offer,
    /// <summary><c>answer</c> / ANSWER.</summary>
    Answer,
    /// <summary><c>iceCandidate</c> / ICE.</summary>
    Ice,
    /// <summary><c>watch</c> / WATCH.</summary>
    Watch,
    /// <summary><c>simulcastUpdate</c> / SIMULCAST_UPDATE.</summary>
    SimulcastUpdate,
}
