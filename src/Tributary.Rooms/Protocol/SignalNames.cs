namespace Tributary.Rooms.Protocol;

/// <summary>Action names, signal names and channel names of the wire format, and which room types allow which signal.</summary>
public static class SignalNames
{
    private static readonly (string Action, string Signal)[] Table =
    [
        ("join", "JOIN"),
        ("leave", "LEAVE"),
        ("updateVideo", "UPDATE"),
        ("heartbeat", "HEARTBEAT"),
        ("kick", "KICK"),
        ("publishRequest", "PUBLISH_REQUEST"),
        ("publishAccept", "PUBLISH_ACCEPT"),
        ("publishReject", "PUBLISH_REJECT"),
        ("offer", "OFFER"),
        ("answer", "ANSWER"),
        ("iceCandidate", "ICE"),
        ("watch", "WATCH"),
        ("simulcastUpdate", "SIMULCAST_UPDATE"),
    ];

    /// <summary>Server-originated: the publisher list changed.</summary>
    public const string PublishListChanged = "PUBLISH_LIST_CHANGED";

    /// <summary>Server-originated: a publisher's stream was re-placed on another media server; re-OFFER / re-WATCH it.</summary>
    public const string Restart = "RESTART";

    /// <summary>Server-originated: idle keepalive.</summary>
    public const string KeepAlive = "KEEPALIVE";

    /// <summary>The <c>s</c> of errors about messages whose action is unknown or that are not JSON.</summary>
    public const string Unknown = "UNKNOWN";

    /// <summary>The signal kind for an action name (case-sensitive, as the apps send it).</summary>
    public static bool TryGetKind(string action, out SignalKind kind)
    {
        for (var i = 0; i < Table.Length; i++)
        {
            if (string.Equals(Table[i].Action, action, StringComparison.Ordinal))
            {
                kind = (SignalKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The signal name (<c>s</c>) of a kind.</summary>
    public static string SignalOf(SignalKind kind) => Table[(int)kind].Signal;

    /// <summary>The action name of a kind.</summary>
    public static string ActionOf(SignalKind kind) => Table[(int)kind].Action;

    /// <summary>Parses <c>ch</c>.</summary>
    public static bool TryParseChannel(string? ch, out RoomKind kind)
    {
        switch (ch)
        {
            case "m2m": kind = RoomKind.M2m; return true;
            case "a2m": kind = RoomKind.A2m; return true;
            case "p2m": kind = RoomKind.P2m; return true;
            case "p2p": kind = RoomKind.P2p; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>The <c>ch</c> of a room kind.</summary>
    public static string ChannelOf(RoomKind kind) => kind switch
    {
        RoomKind.M2m => "m2m",
        RoomKind.A2m => "a2m",
        RoomKind.P2m => "p2m",
        _ => "p2p",
    };

    /// <summary>Whether SIGNALING.md allows <paramref name="signal"/> in a room of type <paramref name="room"/>.</summary>
    public static bool IsAllowed(SignalKind signal, RoomKind room) => signal switch
    {
        SignalKind.Join or SignalKind.Leave or SignalKind.Update or SignalKind.Heartbeat => true,
        SignalKind.Kick => room != RoomKind.P2p,
        SignalKind.PublishRequest or SignalKind.PublishAccept or SignalKind.PublishReject or SignalKind.Watch => room is RoomKind.M2m or RoomKind.A2m,
        SignalKind.Offer or SignalKind.Answer or SignalKind.Ice => room is RoomKind.M2m or RoomKind.A2m or RoomKind.P2p,
        SignalKind.SimulcastUpdate => room == RoomKind.M2m,
        _ => false,
    };
}
