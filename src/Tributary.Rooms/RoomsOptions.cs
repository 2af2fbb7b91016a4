using System.ComponentModel.DataAnnotations;
using Tributary.Rooms.Ice;

namespace Tributary.Rooms;

/// <summary>Section <c>Rooms</c>: the <c>/signal</c> gateway and room rules.</summary>
public sealed class RoomsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rooms";

    /// <summary>
    /// Largest WebSocket frame accepted. Default 32 KiB (SIGNALING.md): an SDP with many candidates is
    /// ~6 KiB, so 32 KiB leaves room while capping what one read can make us buffer.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 32 * 1024;

    /// <summary>Largest message (frames of one message together). Default 128 KiB (SIGNALING.md).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 128 * 1024;

    /// <summary>
    /// Messages waiting to be written to one socket. Default 256: a room of 10 fans out at most a few
    /// messages per signal, so a client this far behind is not reading and is disconnected rather than
    /// allowed to grow memory.
    /// </summary>
    [Range(1, 100_000)]
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>
    /// Sustained messages per second one socket may send. Default 20: a session heartbeats every 3 s and
    /// trickles a few dozen ICE candidates at call start; 20/s is far above that.
    /// </summary>
    [Range(1, 100_000)]
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>
    /// Burst above <see cref="MessagesPerSecond"/> (token-bucket size). Default 100: ICE trickle at call
    /// start sends dozens of candidates at once. A socket over the limit is closed with 1008.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MessageBurst { get; set; } = 100;

    /// <summary>Idle time after which the server sends KEEPALIVE. Default 5 minutes (SIGNALING.md).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A session silent for longer than this is removed as if it had sent LEAVE. Default 10 s (SIGNALING.md, heartbeat every 3 s).</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a room checks presence deadlines on the room clock. Default 1 s: expiry is at most 1 s late.</summary>
    public TimeSpan PresenceSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>p2p: the call fails if the callee has not joined within this time. Default 30 s (SIGNALING.md).</summary>
    public TimeSpan CalleeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most publishers in m2m and a2m rooms. Default 9 (SIGNALING.md; a 10th gets 4025).</summary>
    [Range(1, 100)]
    public int MaxPublishers { get; set; } = 9;

    /// <summary>
    /// Static ICE servers handed to clients in JOIN (<c>es.icfg.is</c>): STUN URLs, or TURN with fixed
    /// credentials. Default none: host candidates only. TURN with minted, expiring credentials is
    /// <see cref="TurnOptions"/> (<c>Rooms:Turn</c>).
    /// </summary>
    public List<IceServer> IceServers { get; set; } = [];

    /// <summary>Longest id (<c>rid</c>, <c>userId</c>, <c>sessionId</c>) accepted. Default 128: UUIDs are 36.</summary>
    [Range(8, 4096)]
    public int MaxIdLength { get; set; } = 128;
}
