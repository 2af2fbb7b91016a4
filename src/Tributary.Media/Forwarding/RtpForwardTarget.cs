namespace Tributary.Media.Forwarding;

/// <summary>Where the media engine sends a publisher's RTP: UDP ports on <paramref name="Host"/>, with the payload types to put in the packets.</summary>
/// <param name="Host">An address of this host (loopback).</param>
/// <param name="AudioPort">UDP port for the audio stream; 0 when the publisher sends none.</param>
/// <param name="AudioPayloadType">RTP payload type for audio.</param>
/// <param name="VideoPort">UDP port for the video stream; 0 when the publisher sends none.</param>
/// <param name="VideoPayloadType">RTP payload type for video.</param>
public sealed record RtpForwardTarget(string Host, int AudioPort, int AudioPayloadType, int VideoPort, int VideoPayloadType);
