namespace Tributary.Client;

/// <summary>How a <see cref="SignalClient"/> behaves.</summary>
public sealed class SignalClientOptions
{
    /// <summary>How long to wait for an ack. Default 10 s, the apps' watchdog.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Send HEARTBEAT for every joined room every <see cref="HeartbeatInterval"/>. Default true.</summary>
    public bool AutoHeartbeat { get; set; } = true;

    /// <summary>Heartbeat period. Default 3 s (the protocol's).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Reconnect when the socket drops and re-JOIN every joined room. Default true.</summary>
    public bool Reconnect { get; set; } = true;

    /// <summary>Longest wait between reconnect attempts (back-off doubles from 250 ms). Default 5 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Other servers to try when reconnecting, after the one connected to (e.g. the other gateway nodes).
    /// Default none.
    /// </summary>
    public IReadOnlyList<Uri> FallbackServers { get; set; } = [];

    /// <summary>Unsolicited messages kept for <see cref="SignalClient.WaitForAsync"/>; the oldest go first. Default 1,000.</summary>
    public int InboxCapacity { get; set; } = 1000;
}
