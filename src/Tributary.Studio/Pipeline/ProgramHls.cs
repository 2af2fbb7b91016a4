using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Tributary.Hls.Forwarding;
using Tributary.Hls.Ingest;
using Tributary.Media.Processes;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// The program as LL-HLS for a p2m audience: one more bus output, where a light ffmpeg (<c>-c copy</c>) rewraps
/// the MPEG-TS as fragmented MP4 into a Unix socket; the pieces go through <see cref="Fmp4Cutter"/> and the same
/// forwarded-broadcast machinery as hlsForwarding. Served at <c>/live/{studioId}/{roomId}/playlist.m3u8</c>.
/// </summary>
internal sealed partial class ProgramHls : IAsyncDisposable
{
    private readonly ForwardedBroadcast _broadcast;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly SupervisedProcess _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private readonly string _socketPath;
    private Task? _reading;

    public ProgramHls(string studioId, string roomId, string folder, StudioOptions options, IBroadcastIngest ingest, ILogger logger, TimeProvider time)
    {
        _logger = logger;
        InputPort = UdpPorts.FreeUdp();
        Endpoint = new IPEndPoint(IPAddress.Loopback, InputPort);
        _broadcast = new ForwardedBroadcast(studioId, roomId, new HlsForwardingOptions
        {
            VideoBitrate = options.VideoBitrateKbps * 1000,
            AudioBitrate = options.AudioBitrateKbps * 1000,
            SegmentSeconds = 1,
            PartSeconds = 0.25,
        }, ingest, time, program: true);
        Path = $"/live/{studioId}/{roomId}/playlist.m3u8";
        _socketPath = System.IO.Path.Combine(folder, "hls.sock");
        File.Delete(_socketPath);
        _listener.Bind(new UnixDomainSocketEndPoint(_socketPath));
        _listener.Listen(2);
        _process = new SupervisedProcess("studio-hls", new ProcessCommand(options.FfmpegPath,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-analyzeduration", "1000000", "-probesize", "1000000",
            "-f", "mpegts", "-i", string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{InputPort}?fifo_size=100000&overrun_nonfatal=1"),
            // MPEG-TS carries AAC as ADTS; MP4 wants the raw AAC with its config in the sample entry.
            "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-bsf:a", "aac_adtstoasc",
            "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "250000", "unix:" + _socketPath,
        ]), new SupervisedProcessOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(2) }, null, logger, time);
    }

    /// <summary>Where the bus sends the program for the packager.</summary>
    public IPEndPoint Endpoint { get; }

    public int InputPort { get; }

    /// <summary>The master playlist's path.</summary>
    public string Path { get; }

    public void Start()
    {
        _reading = Task.Run(() => ReadAsync(_stop.Token));
        _process.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_reading is not null)
        {
            await _reading.ConfigureAwait(false);
        }

        try
        {
            await _broadcast.CloseSegmentAsync().ConfigureAwait(false);
            await _broadcast.EndAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or Orleans.Runtime.OrleansException)
        {
            LogEndFailed(_logger, Path, e);
        }

        _stop.Dispose();
        File.Delete(_socketPath);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var stream = new NetworkStream(connection, ownsSocket: true);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    await foreach (var piece in new Fmp4Cutter().ReadAsync(stream, cancellationToken).ConfigureAwait(false))
                    {
                        await _broadcast.AddAsync(piece).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is IOException or InvalidDataException or SocketException)
                {
                    LogStreamBroken(_logger, Path, e);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 7230, Level = LogLevel.Information, Message = "Studio program packaging for {Path}: ffmpeg's stream broke; the next run continues it")]
    private static partial void LogStreamBroken(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 7231, Level = LogLevel.Warning, Message = "Studio program packaging for {Path} could not end its broadcast")]
    private static partial void LogEndFailed(ILogger logger, string path, Exception exception);
}
