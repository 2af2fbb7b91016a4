using System.Text;

namespace Tributary.Media.Tests.Janus;

/// <summary>
/// Hand-written WebRTC SDP, enough for Janus to negotiate (no media flows: these tests run outside a network
/// namespace, so no remote candidate is ever given and Janus sends no connectivity check).
/// </summary>
public static class Sdp
{
    private const string Fingerprint = "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3B:D3:9F:6B:7E:55:1B:6F:33:32:A4:A7";

    /// <summary>A publisher's offer: Opus audio, and VP8 video unless <paramref name="audioOnly"/>.</summary>
    public static string Offer(bool audioOnly = false)
    {
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.Append(audioOnly ? "a=group:BUNDLE 0\r\n" : "a=group:BUNDLE 0 1\r\n");
        sdp.Append("a=msid-semantic: WMS stream\r\n");
        sdp.Append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n");
        Common(sdp, "0");
        sdp.Append("a=sendonly\r\na=msid:stream audio0\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=ssrc:1111 cname:tributary\r\n");
        if (!audioOnly)
        {
            sdp.Append("m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n");
            Common(sdp, "1");
            sdp.Append("a=sendonly\r\na=msid:stream video0\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\na=ssrc:2222 cname:tributary\r\n");
        }

        return sdp.ToString();
    }

    /// <summary>A subscriber's answer to Janus's offer: same m-lines and mids, receive only, our ICE and DTLS.</summary>
    public static string AnswerTo(string offer)
    {
        var answer = new StringBuilder();
        foreach (var raw in offer.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("a=candidate", StringComparison.Ordinal) || line.StartsWith("a=end-of-candidates", StringComparison.Ordinal)
                || line.StartsWith("a=ssrc", StringComparison.Ordinal) || line.StartsWith("a=msid:", StringComparison.Ordinal) || line.StartsWith("a=ice-options", StringComparison.Ordinal))
            {
                continue;
            }

            line = line switch
            {
                _ when line.StartsWith("a=ice-ufrag:", StringComparison.Ordinal) => "a=ice-ufrag:wxyz",
                _ when line.StartsWith("a=ice-pwd:", StringComparison.Ordinal) => "a=ice-pwd:zyxwvutsrqponmlkjihgfedc",
                _ when line.StartsWith("a=fingerprint:", StringComparison.Ordinal) => "a=fingerprint:" + Fingerprint,
                "a=setup:actpass" => "a=setup:active",
                "a=sendonly" => "a=recvonly",
                "a=sendrecv" => "a=recvonly",
                _ => line,
            };
            answer.Append(line).Append("\r\n");
        }

        return answer.ToString();
    }

    private static void Common(StringBuilder sdp, string mid) =>
        sdp.Append("a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=ice-options:trickle\r\na=fingerprint:").Append(Fingerprint)
            .Append("\r\na=setup:actpass\r\na=mid:").Append(mid).Append("\r\n");
}
