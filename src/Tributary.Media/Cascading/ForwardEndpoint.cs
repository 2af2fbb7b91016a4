namespace Tributary.Media.Cascading;

/// <summary>
/// Where a forward's RTP goes: the address and ports a target munit's VideoRoom opened for a remote publisher
/// (<c>add_remote_publisher</c>), handed to the origin munit's <c>publish_remotely</c>.
/// </summary>
/// <param name="Host">The target Janus's media address.</param>
/// <param name="Port">The port receiving every RTP stream of the publisher (multiplexed by SSRC).</param>
/// <param name="RtcpPort">The port the origin latches to for RTCP feedback (keyframe requests from the target's viewers).</param>
[GenerateSerializer, Immutable]
public sealed record ForwardEndpoint(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] int RtcpPort);
