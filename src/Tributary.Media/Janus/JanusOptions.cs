using System.ComponentModel.DataAnnotations;
using Tributary.Media.Processes;

namespace Tributary.Media.Janus;

/// <summary>The munit's Janus: where it is, how it is reached and which network it uses for media (section <c>Media:Janus</c>).</summary>
public sealed class JanusOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Media:Janus";

    /// <summary>
    /// Whether the media role starts a Janus and uses it as its media engine. Default false: every test host
    /// runs all roles, and each must not start its own Janus; production and media tests turn it on.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The Janus program. Default <c>/usr/bin/janus</c> (Debian package <c>janus</c>).</summary>
    [Required]
    public string ExecutablePath { get; set; } = "/usr/bin/janus";

    /// <summary>
    /// The folder holding Janus's <c>plugins</c>, <c>transports</c>, <c>events</c> and <c>loggers</c>. Default null:
    /// taken from <c>plugins_folder</c> in <c>/etc/janus/janus.jcfg</c>, else <c>/usr/lib/x86_64-linux-gnu/janus</c>.
    /// </summary>
    public string? LibraryFolder { get; set; }

    /// <summary>
    /// Where the generated configuration goes. Default null: a fresh temporary folder per start, deleted at stop
    /// (it holds the admin secret, so it is created readable by the owner only).
    /// </summary>
    public string? ConfigFolder { get; set; }

    /// <summary>Janus API port on 127.0.0.1. Default 0: a free port chosen at start (kept across restarts).</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; }

    /// <summary>Admin API port on 127.0.0.1. Default 0: a free port chosen at start (kept across restarts).</summary>
    [Range(0, 65535)]
    public int AdminPort { get; set; }

    /// <summary>Secret for the admin API. Default null: a random one per start. Never logged.</summary>
    public string? AdminSecret { get; set; }

    /// <summary>
    /// Secret every Janus API request carries. Default null: a random one per start, so other local users
    /// cannot drive our Janus through its loopback port. Never logged.
    /// </summary>
    public string? ApiSecret { get; set; }

    /// <summary>
    /// The address Janus puts in its SDP and gathers media candidates on (janus.jcfg <c>interface</c>). Default null
    /// (Janus picks the first non-loopback address). Media never works on loopback (MEDIA-TESTING.md).
    /// </summary>
    public string? Interface { get; set; }

    /// <summary>
    /// The only interfaces or addresses used for ICE (<c>ice_enforce_list</c>, comma-separated). Default null: all
    /// but <c>vmnet</c>. Set it to the media address so no candidate names another network.
    /// </summary>
    public string? IceEnforceList { get; set; }

    /// <summary>The public address(es) put in host candidates behind a 1:1 NAT (<c>nat_1_1_mapping</c>). Default null.</summary>
    public string? NatOneToOneMapping { get; set; }

    /// <summary>UDP ports for RTP/ICE, <c>min-max</c>. Default <c>20000-40000</c>: explicit, so a firewall can open them.</summary>
    [Required]
    [RegularExpression(@"^\d{1,5}-\d{1,5}$")]
    public string RtpPortRange { get; set; } = "20000-40000";

    /// <summary>Whether mDNS (<c>.local</c>) candidates are ignored. Default true: resolving them would send queries on the LAN.</summary>
    public bool IgnoreMdns { get; set; } = true;

    /// <summary>Janus log level 0–7. Default 4 (info), which Janus writes to stdout and we forward to our log.</summary>
    [Range(0, 7)]
    public int DebugLevel { get; set; } = 4;

    /// <summary>Seconds a Janus session lives without a request. Default 60 (Janus's own); our keepalives hold ours open.</summary>
    [Range(5, 3600)]
    public int SessionTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Time between keepalive requests of an open session. Default 20 s: a third of the session timeout, so one
    /// lost keepalive never costs the session. (Measured: Janus 1.1.2 does not count the long poll as activity.)
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long one Janus API request may take. Default 10 s: Janus answers in milliseconds; ten seconds means it
    /// is stuck, and the health probe will restart it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Events fetched per long poll (<c>maxev</c>). Default 10: a burst of events arrives in one response
    /// instead of ten round trips, while one response stays small.
    /// </summary>
    [Range(1, 1000)]
    public int LongPollMaxEvents { get; set; } = 10;

    /// <summary>
    /// Pending asynchronous events kept per session before the oldest is dropped. Default 1000: far above what
    /// a room produces between two reads, small enough to bound memory when nobody reads.
    /// </summary>
    [Range(1, 1_000_000)]
    public int EventQueueLength { get; set; } = 1000;

    /// <summary>
    /// The bitrate cap of each publisher in a VideoRoom room, in bit/s. Default 1,500,000: room for 720p30 VP8
    /// with three simulcast layers (Debian's sample room is capped at 128 kb/s, far too low).
    /// </summary>
    [Range(64_000, 50_000_000)]
    public int RoomBitrate { get; set; } = 1_500_000;

    /// <summary>Publishers (stations) per room on one munit. Default 16, the m2m stage size the clients show.</summary>
    [Range(1, 1000)]
    public int RoomPublishers { get; set; } = 16;

    /// <summary>
    /// Seconds between the keyframe requests VideoRoom sends to publishers (<c>fir_freq</c>). Default 10: a new
    /// viewer or layer switch never waits longer than that for a picture (we also ask for one on each switch).
    /// </summary>
    [Range(1, 3600)]
    public int KeyframeIntervalSeconds { get; set; } = 10;

    /// <summary>
    /// How long WATCH (and JOIN's downlink offers) waits for a publisher's PeerConnection to come up before asking
    /// VideoRoom for a subscription (VideoRoom answers 428 "no such feed" until then). Default 10 s: a browser's
    /// uplink is up within a second or two; the room's signals queue behind this wait, so it must stay short.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PublisherReadyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a simulcast switch waits for VideoRoom's <c>substream</c> event before asking the publisher for
    /// another keyframe. Default 500 ms: the event normally follows within 25–65 ms (MEDIA-TESTING.md); without a
    /// keyframe the switch would wait for the room's periodic request (<see cref="KeyframeIntervalSeconds"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan LayerSwitchRetryInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Keyframe requests sent for one simulcast switch before giving up waiting for its event. Default 6 (3 s at the default interval).</summary>
    [Range(1, 100)]
    public int LayerSwitchAttempts { get; set; } = 6;

    /// <summary>
    /// SIMULCAST_UPDATE <c>auto</c>: the lowest link quality (Janus's 0–100 score of a downlink's video from the
    /// receiver's loss reports, <c>out-media-link-quality</c>) at which the top layer is chosen. Default 90: up to a few
    /// percent of loss is normal jitter on a healthy path; more means the path cannot carry the top layer.
    /// </summary>
    [Range(1, 100)]
    public int AutoTopLayerQuality { get; set; } = 90;

    /// <summary>
    /// SIMULCAST_UPDATE <c>auto</c>: the lowest link quality for the middle layer; below it the low layer is chosen.
    /// Default 60: heavy loss, where only the smallest layer still has a chance to arrive whole.
    /// </summary>
    [Range(1, 100)]
    public int AutoMiddleLayerQuality { get; set; } = 60;

    /// <summary>How Janus is restarted, probed (<c>/janus/info</c>) and stopped.</summary>
    public SupervisedProcessOptions Process { get; set; } = new();
}
