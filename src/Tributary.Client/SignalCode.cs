namespace Tributary.Client;

/// <summary>Ack codes of the protocol.</summary>
public static class SignalCode
{
    /// <summary>OK.</summary>
    public const int Ok = 200;
    /// <summary>The server failed.</summary>
    public const int InternalServerError = 500;
    /// <summary>Malformed or missing fields, unknown action.</summary>
    public const int InvalidSignal = 2001;
    /// <summary>Signal not allowed in this room type.</summary>
    public const int UnsupportedChannel = 2002;
    /// <summary>No such room.</summary>
    public const int RoomNotFound = 4001;
    /// <summary>The target is not in the room.</summary>
    public const int NotRoomMember = 4002;
    /// <summary>The p2p peer is not in the room.</summary>
    public const int RecipientNotMember = 4003;
    /// <summary>JOIN with roomCreating for a room that exists.</summary>
    public const int AlreadyExistRoom = 4022;
    /// <summary>PUBLISH_REQUEST from a publisher.</summary>
    public const int AlreadyIsPublisher = 4023;
    /// <summary>The watched/answered user has left.</summary>
    public const int UserLeft = 4024;
    /// <summary>Publisher or member limit reached.</summary>
    public const int RoomFull = 4025;
    /// <summary>Role does not allow this signal, or ss.userId is not the token's user.</summary>
    public const int PermissionNotFound = 4051;
}
