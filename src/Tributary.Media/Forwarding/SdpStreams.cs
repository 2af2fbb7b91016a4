namespace Tributary.Media.Forwarding;

/// <summary>The m-sections of an SDP: kind, mid and the first (chosen) codec, as an answer lists them.</summary>
internal static class SdpStreams
{
    public static List<SdpStream> Read(string sdp)
    {
        var streams = new List<SdpStream>();
        string? kind = null;
        string? mid = null;
        string? firstPayload = null;
        string? codec = null;
        var active = true;

        void Flush()
        {
            if (kind is not null && mid is not null && active)
            {
                streams.Add(new SdpStream(kind, mid, codec));
            }
        }

        foreach (var raw in sdp.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("m=", StringComparison.Ordinal))
            {
                Flush();
                var fields = line[2..].Split(' ');
                kind = fields[0];
                active = fields.Length > 1 && fields[1] != "0";
                firstPayload = fields.Length > 3 ? fields[3] : null;
                mid = null;
                codec = null;
            }
            else if (line.StartsWith("a=mid:", StringComparison.Ordinal))
            {
                mid = line["a=mid:".Length..];
            }
            else if (line == "a=inactive")
            {
                // (Janus answers a publisher's streams recvonly: those are the ones it receives.)
                active = false;
            }
            else if (firstPayload is not null && codec is null && line.StartsWith("a=rtpmap:" + firstPayload + " ", StringComparison.Ordinal))
            {
                var name = line[("a=rtpmap:" + firstPayload + " ").Length..];
                codec = name.Split('/')[0].ToLowerInvariant();
            }
        }

        Flush();
        return streams;
    }
}

/// <summary>One m-section.</summary>
internal sealed record SdpStream(string Kind, string Mid, string? Codec);
