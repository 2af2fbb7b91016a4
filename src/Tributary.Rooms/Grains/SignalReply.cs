namespace Tributary.Rooms.Grains;

/// <summary>
/// The room's answer to a signal: the ack code with its <c>b</c> (JSON text) or error message, or no ack
/// at all (<see cref="Silent"/>), plus messages for the sender that must follow its ack.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignalReply(
    [property: Id(0)] int Code,
    [property: Id(1)] string? Body,
    [property: Id(2)] string? Message,
    [property: Id(3)] bool Silent,
    [property: Id(4)] IReadOnlyList<string> AfterAck)
{
    /// <summary>True for code 200.</summary>
    public bool IsSuccess => Code == 200;

    /// <summary>A 200 ack with body <paramref name="body"/>.</summary>
    public static SignalReply Ok(string body, IReadOnlyList<string>? afterAck = null) => new(200, body, null, false, afterAck ?? []);

    /// <summary>Success without an ack (p2p relays, plain heartbeats, trickle).</summary>
    public static SignalReply Quiet(IReadOnlyList<string>? afterAck = null) => new(200, null, null, true, afterAck ?? []);

    /// <summary>A failure ack.</summary>
    public static SignalReply Fail(int code, string message) => new(code, null, message, false, []);
}
