using System.Globalization;
using System.Text;
using System.Net;
using Tributary.Media.Munits;
using Tributary.Studio.Pipeline;

namespace Tributary.Studio.Sources;

/// <summary>
/// One on-stage publisher's media as its munit's Janus forwards it (a tap, VideoRoom <c>rtp_forward</c>): an audio
/// and a video <see cref="SourceTap"/>, the codecs the publisher negotiated, and the munit to close the tap on.
/// </summary>
internal sealed class PublisherFeed : IAsyncDisposable
{
    public const int AudioPayloadType = 111;
    public const int VideoPayloadType = 96;

    public PublisherFeed(string sessionId, IMunitEngine engine, string? audioCodec, string? videoCodec, IPAddress address, TimeProvider time)
    {
        SessionId = sessionId;
        Engine = engine;
        AudioCodec = audioCodec;
        VideoCodec = videoCodec;
        Audio = audioCodec is null ? null : new SourceTap(time, rtp: true, address);
        Video = videoCodec is null ? null : new SourceTap(time, rtp: true, address);
        Keyframes = videoCodec is null ? null : new KeyframeRequester(address);
        Audio?.Start();
        Video?.Start();
    }

    public string SessionId { get; }

    /// <summary>The munit (or this node's own engine) holding the station.</summary>
    public IMunitEngine Engine { get; }

    /// <summary>The tap's id on that munit.</summary>
    public string TapId { get; } = Guid.NewGuid().ToString("N");

    public string? AudioCodec { get; }

    public string? VideoCodec { get; }

    public SourceTap? Audio { get; }

    public SourceTap? Video { get; }

    /// <summary>The video's RTCP feedback port (keyframe requests), or null without video.</summary>
    public KeyframeRequester? Keyframes { get; }

    /// <summary>Asks the publisher for a keyframe through the munit; false when there is no video or the forwarder has not latched.</summary>
    public bool RequestKeyframe() => Video is not null && Keyframes is not null && Keyframes.Request(Video.Ssrc);

    /// <summary>When the feed was made (a feed that never gets packets is dropped and asked for again).</summary>
    public long CreatedAt { get; init; }

    /// <summary>The SDP ffmpeg reads, with only the streams that are live now (a silent m-line would stall the mix).</summary>
    public string Sdp(bool audio, bool video)
    {
        var sdp = new StringBuilder("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=studio\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        if (audio && Audio is not null && RtpMap(AudioCodec) is { } audioMap)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"m=audio {Audio.CompositorPort} RTP/AVP {AudioPayloadType}\r\na=rtpmap:{AudioPayloadType} {audioMap}\r\n");
        }

        if (video && Video is not null && RtpMap(VideoCodec) is { } videoMap)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"m=video {Video.CompositorPort} RTP/AVP {VideoPayloadType}\r\na=rtpmap:{VideoPayloadType} {videoMap}\r\n");
            if (VideoCodec == "h264")
            {
                sdp.Append(CultureInfo.InvariantCulture, $"a=fmtp:{VideoPayloadType} packetization-mode=1\r\n");
            }
        }

        return sdp.ToString();
    }

    public static string? RtpMap(string? codec) => codec switch
    {
        "opus" => "opus/48000/2",
        "vp8" => "VP8/90000",
        "vp9" => "VP9/90000",
        "h264" => "H264/90000",
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        if (Audio is not null)
        {
            await Audio.DisposeAsync().ConfigureAwait(false);
        }

        if (Video is not null)
        {
            await Video.DisposeAsync().ConfigureAwait(false);
        }

        if (Keyframes is not null)
        {
            await Keyframes.DisposeAsync().ConfigureAwait(false);
        }
    }
}
