using System.ComponentModel.DataAnnotations;

namespace Tributary.Studio;

/// <summary>Section <c>Studio</c>: studio sessions, their program encode and their destinations.</summary>
public sealed class StudioOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Studio";

    /// <summary>The ffmpeg binary (Debian <c>ffmpeg</c>). Default <c>/usr/bin/ffmpeg</c>.</summary>
    [Required]
    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    /// <summary>Program width in pixels. Default 1280 (720p, what the platforms recommend for 3 Mbit/s).</summary>
    [Range(160, 3840)]
    public int Width { get; set; } = 1280;

    /// <summary>Program height in pixels. Default 720.</summary>
    [Range(90, 2160)]
    public int Height { get; set; } = 720;

    /// <summary>Program frame rate. Default 30.</summary>
    [Range(1, 60)]
    public int FrameRate { get; set; } = 30;

    /// <summary>Video bitrate in kbit/s. Default 3000: YouTube's and Twitch's advice for 720p30.</summary>
    [Range(100, 50_000)]
    public int VideoBitrateKbps { get; set; } = 3000;

    /// <summary>Audio bitrate in kbit/s (AAC, 48 kHz stereo). Default 128.</summary>
    [Range(32, 512)]
    public int AudioBitrateKbps { get; set; } = 128;

    /// <summary>x264 preset. Default <c>veryfast</c>: one 720p30 encode is about a fifth of a core here.</summary>
    [Required]
    public string X264Preset { get; set; } = "veryfast";

    /// <summary>Most destinations per studio. Default 8: one relay process (~1 % of a core) each.</summary>
    [Range(1, 64)]
    public int MaxDestinations { get; set; } = 8;

    /// <summary>Most live studios on this node. Default 4: each composite encode is the expensive part.</summary>
    [Range(1, 256)]
    public int MaxLiveStudios { get; set; } = 4;

    /// <summary>Largest logo accepted by setScene, in bytes. Default 256 KiB: a PNG logo is a few KiB, and it is kept in the database.</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxLogoBytes { get; set; } = 256 * 1024;

    /// <summary>Time allowed to fetch a logo. Default 5 s: the mutation waits for it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LogoFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether destination and logo URLs may name loopback or private addresses. Default false: a studio
    /// must not become a way to reach the cluster's internal services. Tests and local setups turn it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Base64 of a 32-byte AES-256 key that seals stream keys at rest. Default none: a key is generated once
    /// into <c>{DataDir}/studio-keys.bin</c> (fine for one node; a cluster must configure the same key everywhere).
    /// </summary>
    public string? StreamKeyEncryptionKey { get; set; }

    /// <summary>
    /// A source that sent nothing for this long leaves the picture (its slot shows the empty slot, not a frozen
    /// frame). Default 1.5 s: several frame intervals, and RTP from a healthy publisher never pauses that long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// The IPv4 address of this node that munits send on-stage publishers' RTP to (their Janus <c>rtp_forward</c>);
    /// the source ports bind to it. Default <c>127.0.0.1</c>: the media role on the same machine. A studio node of a
    /// cluster whose munits run elsewhere sets the address they reach it at (its pod or host address); only munits
    /// should be able to reach it (a network policy or firewall), since RTP is not authenticated.
    /// </summary>
    [Required]
    public string SourceAddress { get; set; } = "127.0.0.1";

    /// <summary>First wait before a failed destination is retried; doubles up to <see cref="MaxRetryDelay"/>. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts of a failing destination. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in a row without going live after which a destination is FAILED (and studio.destination.failed is sent). Default 5.</summary>
    [Range(1, 1000)]
    public int FailedAfterAttempts { get; set; } = 5;

    /// <summary>
    /// Address the studio's SRT ingest listens on. Default 127.0.0.1 (set the node's public address to take
    /// encoders from outside).
    /// </summary>
    [Required]
    public string IngestListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Host name put in the ingest URL shown to the owner. Default none: <see cref="IngestListenAddress"/>.</summary>
    public string? IngestPublicHost { get; set; }

    /// <summary>
    /// Whether a live studio also takes RTMP ingest (OBS's default protocol): a supervised nginx with the RTMP
    /// module whose <c>on_publish</c> asks the studio to check the stream key. Default true; off (or nginx not
    /// installed) leaves the SRT ingest only.
    /// </summary>
    public bool RtmpIngest { get; set; } = true;

    /// <summary>The nginx binary for the RTMP ingest (Debian <c>nginx</c>). Default <c>/usr/sbin/nginx</c>.</summary>
    [Required]
    public string NginxPath { get; set; } = "/usr/sbin/nginx";

    /// <summary>The RTMP module (Debian <c>libnginx-mod-rtmp</c>). Default <c>/usr/lib/nginx/modules/ngx_rtmp_module.so</c>.</summary>
    [Required]
    public string RtmpModulePath { get; set; } = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    /// <summary>How often a studio node reports its load to the cluster's studio registry. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A studio node silent this long is dead: it gets no new studios and its live studios are started again on another
    /// studio node. Default 5 s: five missed reports, well past a GC pause, and the destinations' reconnection is
    /// still short.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan NodeDeadAfter { get; set; } = TimeSpan.FromSeconds(5);
}
