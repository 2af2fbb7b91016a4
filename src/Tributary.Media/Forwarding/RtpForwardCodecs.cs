namespace Tributary.Media.Forwarding;

/// <summary>The publisher's negotiated codecs as Janus names them (<c>opus</c>, <c>vp8</c>, <c>h264</c>, <c>vp9</c>); null for a missing stream.</summary>
/// <param name="Audio">The audio codec, or null.</param>
/// <param name="Video">The video codec, or null.</param>
public sealed record RtpForwardCodecs(string? Audio, string? Video);
