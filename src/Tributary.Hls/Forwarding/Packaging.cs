using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Tributary.Hls.Ingest;
using Tributary.Media.Forwarding;
using Tributary.Media.Processes;

namespace Tributary.Hls.Forwarding;

// One forwarded publisher: a supervised ffmpeg reads its RTP (described by an SDP file) and writes
// fragmented MP4 to a Unix socket this class listens on; each connection (one per ffmpeg run) is cut
// into init section and parts and fed to the broadcast. When ffmpeg dies the supervisor restarts it
// and the new run connects again.
internal sealed partial class Packaging : IAsyncDisposable
{
    private readonly HlsForwardingOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly Socket _listener;
    private readonly SupervisedProcess _ffmpeg;
    private readonly CancellationTokenSource _stop = new();
    private Task? _reading;
    private int _connections;

    public Packaging(ForwardedBroadcast broadcast, RtpForwardTarget target, RtpForwardCodecs codecs, HlsForwardingOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        Broadcast = broadcast;
        Target = target;
        _options = options;
        _logger = loggers.CreateLogger<Packaging>();
        _directory = Path.Combine(Path.GetTempPath(), "tributary-fwd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        var sdp = Path.Combine(_directory, "in.sdp");
        File.WriteAllText(sdp, RtpSdp.Write(target, codecs));
        var socketPath = Path.Combine(_directory, "out.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(4);
        var supervision = new SupervisedProcessOptions
        {
            InitialRestartDelay = options.RestartDelay,
            MaxRestartDelay = options.RestartDelay > TimeSpan.FromSeconds(30) ? options.RestartDelay : TimeSpan.FromSeconds(30),
            ShutdownGracePeriod = TimeSpan.FromSeconds(2),
        };
        _ffmpeg = new SupervisedProcess("ffmpeg-hls", new ProcessCommand(options.FfmpegPath, Arguments(sdp, socketPath, codecs, options), _directory), supervision, null, _logger, time);
    }

    public ForwardedBroadcast Broadcast { get; }

    public RtpForwardTarget Target { get; }

    /// <summary>The running ffmpeg's process id (tests kill it to see it restarted).</summary>
    public int? ProcessId => _ffmpeg.ProcessId;

    /// <summary>ffmpeg runs so far.</summary>
    public int Generation => _ffmpeg.Generation;

    /// <summary>fMP4 streams received so far (one per ffmpeg run that produced output).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Start()
    {
        _reading = Task.Run(() => ReadAsync(_stop.Token));
        _ffmpeg.Start();
        LogStarted(_logger, Broadcast.UserId, Broadcast.StreamId, Target.AudioPort, Target.VideoPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ffmpeg.DisposeAsync();
        _listener.Dispose();
        if (_reading is not null)
        {
            try
            {
                await _reading;
            }
            catch (OperationCanceledException)
            {
            }
        }

        try
        {
            await Broadcast.CloseSegmentAsync();
            await Broadcast.EndAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The node is shutting down (the grain client is gone): the broadcast's room check or its
            // players' timeouts end it.
            LogEndFailed(_logger, Broadcast.UserId, Broadcast.StreamId, e);
        }

        _stop.Dispose();
        try
        {
            Directory.Delete(_directory, true);
        }
        catch (IOException)
        {
        }

        LogStopped(_logger, Broadcast.UserId, Broadcast.StreamId, Generation);
    }

    private static List<string> Arguments(string sdp, string socketPath, RtpForwardCodecs codecs, HlsForwardingOptions o)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "warning", "-protocol_whitelist", "file,udp,rtp,unix", "-i", sdp };
        if (codecs.Video is not null)
        {
            // A fixed frame rate and GOP: every segment starts with a keyframe, exactly SegmentSeconds apart.
            var gop = (o.FrameRate * o.SegmentSeconds).ToString(CultureInfo.InvariantCulture);
            args.AddRange(["-map", "0:v:0", "-vf", "fps=" + o.FrameRate.ToString(CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
                "-b:v", o.VideoBitrate.ToString(CultureInfo.InvariantCulture), "-maxrate", o.VideoBitrate.ToString(CultureInfo.InvariantCulture),
                "-bufsize", (o.VideoBitrate * 2).ToString(CultureInfo.InvariantCulture)]);
        }

        if (codecs.Audio is not null)
        {
            args.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", o.AudioBitrate.ToString(CultureInfo.InvariantCulture), "-ar", "48000", "-ac", "2"]);
        }

        args.AddRange(["-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe",
            "-frag_duration", ((long)(o.PartSeconds * 1_000_000)).ToString(CultureInfo.InvariantCulture), "unix:" + socketPath]);
        return args;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            await using var stream = new NetworkStream(connection, ownsSocket: true);
            try
            {
                await foreach (var piece in new Fmp4Cutter().ReadAsync(stream, cancellationToken))
                {
                    await Broadcast.AddAsync(piece);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or SocketException)
            {
                // ffmpeg died mid-box; the supervisor restarts it and the next run connects again.
                LogStreamBroken(_logger, Broadcast.UserId, Broadcast.StreamId, e);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "HLS forwarding of {UserId}/{StreamId} started: RTP audio on port {AudioPort}, video on port {VideoPort}")]
    private static partial void LogStarted(ILogger logger, string userId, string streamId, int audioPort, int videoPort);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "HLS forwarding of {UserId}/{StreamId} stopped after {Runs} ffmpeg runs")]
    private static partial void LogStopped(ILogger logger, string userId, string streamId, int runs);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "HLS forwarding of {UserId}/{StreamId} could not end its broadcast")]
    private static partial void LogEndFailed(ILogger logger, string userId, string streamId, Exception exception);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "HLS forwarding of {UserId}/{StreamId}: ffmpeg's stream broke off")]
    private static partial void LogStreamBroken(ILogger logger, string userId, string streamId, Exception exception);
}
