using System.Globalization;
using System.Text;
using Tributary.Media.Forwarding;

namespace Tributary.Hls.Forwarding;

// The SDP ffmpeg reads to receive forwarded RTP: one m-line per stream, codecs as the publisher negotiated.
internal static class RtpSdp
{
    public static string Write(RtpForwardTarget target, RtpForwardCodecs codecs)
    {
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 0 0 IN IP4 ").Append(target.Host).Append("\r\ns=tributary\r\nc=IN IP4 ").Append(target.Host).Append("\r\nt=0 0\r\n");
        if (codecs.Audio is { } audio && target.AudioPort > 0)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"m=audio {target.AudioPort} RTP/AVP {target.AudioPayloadType}\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{target.AudioPayloadType} {RtpMap(audio)}\r\n");
        }

        if (codecs.Video is { } video && target.VideoPort > 0)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"m=video {target.VideoPort} RTP/AVP {target.VideoPayloadType}\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{target.VideoPayloadType} {RtpMap(video)}\r\n");
            if (video.Equals("h264", StringComparison.OrdinalIgnoreCase))
            {
                sdp.Append(CultureInfo.InvariantCulture, $"a=fmtp:{target.VideoPayloadType} packetization-mode=1\r\n");
            }
        }

        return sdp.ToString();
    }

    public static bool Supported(RtpForwardCodecs codecs) =>
        (codecs.Audio is null || RtpMap(codecs.Audio) is not null) && (codecs.Video is null || RtpMap(codecs.Video) is not null) && (codecs.Audio ?? codecs.Video) is not null;

    private static string? RtpMap(string codec) => codec.ToLowerInvariant() switch
    {
        "opus" => "opus/48000/2",
        "pcmu" => "PCMU/8000",
        "pcma" => "PCMA/8000",
        "vp8" => "VP8/90000",
        "vp9" => "VP9/90000",
        "h264" => "H264/90000",
        "av1" => "AV1/90000",
        _ => null,
    };
}
