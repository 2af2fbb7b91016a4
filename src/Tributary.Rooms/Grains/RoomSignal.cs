using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

/// <summary>
/// A validated client signal on its way to the room grain. <see cref="Raw"/> is the <c>data</c>
/// object exactly as the client sent it: forwarded signals go out byte for byte.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomSignal(
    [property: Id(0)] SignalKind Kind,
    [property: Id(1)] RoomKind Channel,
    [property: Id(2)] string RoomId,
    [property: Id(3)] SessionInfo Session,
    [property: Id(4)] string Raw)
{
    /// <summary><c>ve</c>.</summary>
    [Id(5)] public bool Video { get; init; }

    /// <summary><c>ae</c>.</summary>
    [Id(6)] public bool Audio { get; init; }

    /// <summary><c>op.roomCreating</c>.</summary>
    [Id(7)] public bool Creating { get; init; }

    /// <summary><c>op.restarting</c>.</summary>
    [Id(8)] public bool Restarting { get; init; }

    /// <summary><c>op.hlsForwarding</c>.</summary>
    [Id(9)] public bool HlsForwarding { get; init; }

    /// <summary><c>to</c>.</summary>
    [Id(10)] public SignalTarget? Target { get; init; }

    /// <summary><c>sdp</c> (an SDP, or an ICE candidate).</summary>
    [Id(11)] public string? Sdp { get; init; }

    /// <summary><c>sl</c>.</summary>
    [Id(12)] public string? Layer { get; init; }

    /// <summary><c>bid</c> as JSON text (number or string, echoed as sent).</summary>
    [Id(13)] public string? HeartbeatId { get; init; }

    /// <summary><c>send_ack</c>.</summary>
    [Id(14)] public bool SendAck { get; init; }

    /// <summary>The gateway node that holds the sender's socket: where the room delivers to it.</summary>
    [Id(15)] public IRoomObserver? Relay { get; init; }
}
