namespace Tributary.Media.Forwarding;

/// <summary>
/// Where a tap sends a station's RTP (VideoRoom <c>rtp_forward</c>): UDP ports on <paramref name="Host"/> for the
/// station's audio and video streams named by mid, with the payload types to put in the packets. A null mid (port 0)
/// leaves that stream out.
/// </summary>
/// <param name="Host">The listener's address, as the munit reaches it (an IPv4 address).</param>
/// <param name="AudioMid">The station's audio stream (mid), or null.</param>
/// <param name="AudioPort">UDP port for the audio.</param>
/// <param name="AudioPayloadType">RTP payload type for the audio.</param>
/// <param name="VideoMid">The station's video stream (mid), or null.</param>
/// <param name="VideoPort">UDP port for the video.</param>
/// <param name="VideoPayloadType">RTP payload type for the video.</param>
/// <param name="VideoRtcpPort">
/// A port on <paramref name="Host"/> the munit's forwarder latches to for RTCP feedback: a PLI sent back from there
/// makes the munit ask the publisher for a keyframe. 0 for none.
/// </param>
[GenerateSerializer, Immutable]
public sealed record RtpTapTarget(
    [property: Id(0)] string Host,
    [property: Id(1)] string? AudioMid,
    [property: Id(2)] int AudioPort,
    [property: Id(3)] int AudioPayloadType,
    [property: Id(4)] string? VideoMid,
    [property: Id(5)] int VideoPort,
    [property: Id(6)] int VideoPayloadType,
    [property: Id(7)] int VideoRtcpPort = 0);
