using System.ComponentModel.DataAnnotations;

namespace Tributary.Hls.Forwarding;

/// <summary>Section <c>HlsForwarding</c>: the packager that turns WebRTC uplinks (<c>op.hlsForwarding</c>) into LL-HLS.</summary>
public sealed class HlsForwardingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "HlsForwarding";

    /// <summary>The ffmpeg program. Default <c>/usr/bin/ffmpeg</c> (Debian package <c>ffmpeg</c>).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    /// <summary>
    /// First loopback UDP port the media server forwards RTP to (four per forwarded publisher: RTP and
    /// RTCP of audio and of video). Default
    /// 46000: above Janus's default RTP range, below the kernel's ephemeral ports.
    /// </summary>
    [Range(1024, 65000)]
    public int FirstPort { get; set; } = 46000;

    /// <summary>How many ports from <see cref="FirstPort"/> may be used. Default 1000 (250 publishers, far above <see cref="MaxForwardings"/>).</summary>
    [Range(4, 20000)]
    public int PortCount { get; set; } = 1000;

    /// <summary>
    /// Most publishers this node packages at once; more are refused (the uplink still works, without HLS).
    /// Default 8: each ffmpeg decodes and re-encodes one stream (about a third of a core at 720p).
    /// </summary>
    [Range(1, 1000)]
    public int MaxForwardings { get; set; } = 8;

    /// <summary>Output frame rate. Default 25: WebRTC frame rates vary; a fixed rate gives exact keyframe spacing.</summary>
    [Range(1, 120)]
    public int FrameRate { get; set; } = 25;

    /// <summary>Segment length in seconds: a keyframe starts each segment. Default 1 s (the apps' target duration).</summary>
    [Range(1, 10)]
    public int SegmentSeconds { get; set; } = 1;

    /// <summary>Part length in seconds (<c>EXT-X-PART-INF:PART-TARGET</c>). Default 0.25 s, as the apps upload.</summary>
    [Range(0.05, 2)]
    public double PartSeconds { get; set; } = 0.25;

    /// <summary>H.264 bitrate in bit/s. Default 1,500,000: 720p at 25 fps.</summary>
    [Range(50_000, 50_000_000)]
    public int VideoBitrate { get; set; } = 1_500_000;

    /// <summary>AAC bitrate in bit/s. Default 96,000.</summary>
    [Range(16_000, 512_000)]
    public int AudioBitrate { get; set; } = 96_000;

    /// <summary>Wait before restarting an ffmpeg that died (doubling up to 30 s). Default 1 s.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);
}
