using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Hls.Ingest;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;

namespace Tributary.Hls.Forwarding;

/// <summary>
/// The <c>hlsForwarding</c> packager of this node: one supervised ffmpeg per forwarded publisher, fed by
/// the media server's <c>rtp_forward</c> on loopback UDP ports, packaged into broadcast
/// <c>{publisherSessionId}/{roomId}</c>, so viewers play <c>/live/{publisherSessionId}/{roomId}/playlist.m3u8</c>.
/// </summary>
public sealed partial class HlsPackager : IHlsForwarding, IAsyncDisposable
{
    // Payload types put in forwarded packets (the SDP ffmpeg reads names the same).
    private const int AudioPayloadType = 111;
    private const int VideoPayloadType = 96;

    private readonly HlsForwardingOptions _options;
    private readonly IBroadcastIngest _ingest;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;
    private readonly Dictionary<(string RoomId, string SessionId), Packaging> _running = [];
    private int _nextPort;

    /// <summary>Created by DI.</summary>
    public HlsPackager(IOptions<HlsForwardingOptions> options, IBroadcastIngest ingest, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options.Value;
        _ingest = ingest;
        _loggers = loggers;
        _logger = loggers.CreateLogger<HlsPackager>();
        _time = time;
    }

    /// <inheritdoc />
    public async Task<RtpForwardTarget?> StartAsync(MediaRoom room, string sessionId, RtpForwardCodecs codecs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(codecs);
        if (!RtpSdp.Supported(codecs))
        {
            LogRefused(_logger, room.RoomId, sessionId, $"codecs {codecs.Audio}/{codecs.Video} are not supported");
            return null;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var key = (room.RoomId, sessionId);
            if (_running.TryGetValue(key, out var running))
            {
                // A repeated OFFER: the same ffmpeg goes on reading the same ports.
                return running.Target;
            }

            if (_running.Count >= _options.MaxForwardings)
            {
                LogRefused(_logger, room.RoomId, sessionId, $"this node already packages {_running.Count} streams (HlsForwarding:MaxForwardings)");
                return null;
            }

            if (FreePorts() is not { } first)
            {
                LogRefused(_logger, room.RoomId, sessionId, "no 4 free UDP ports in a row in HlsForwarding:FirstPort..+PortCount");
                return null;
            }

            // RTP on even ports, RTCP on the odd port above each (ffmpeg binds both).
            var target = new RtpForwardTarget("127.0.0.1", codecs.Audio is null ? 0 : first, AudioPayloadType, codecs.Video is null ? 0 : first + 2, VideoPayloadType);
            var broadcast = new ForwardedBroadcast(sessionId, room.RoomId, _options, _ingest, _time);
            var packaging = new Packaging(broadcast, target, codecs, _options, _loggers, _time);
            packaging.Start();
            _running[key] = packaging;
            return target;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(MediaRoom room, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(room);
        Packaging? packaging;
        await _gate.WaitAsync();
        try
        {
            _running.Remove((room.RoomId, sessionId), out packaging);
        }
        finally
        {
            _gate.Release();
        }

        if (packaging is not null)
        {
            await packaging.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Registered as itself and behind IHlsForwarding: the container disposes it once per registration.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<Packaging> all;
        await _gate.WaitAsync();
        try
        {
            all = [.. _running.Values];
            _running.Clear();
        }
        finally
        {
            _gate.Release();
        }

        foreach (var packaging in all)
        {
            await packaging.DisposeAsync();
        }

        _gate.Dispose();
    }

    // For tests: the packaging of a publisher, to kill its ffmpeg and watch the restart.
    internal Packaging? Find(string roomId, string sessionId)
    {
        _gate.Wait();
        try
        {
            return _running.GetValueOrDefault((roomId, sessionId));
        }
        finally
        {
            _gate.Release();
        }
    }

    // Four consecutive free UDP ports (audio RTP and RTCP, video RTP and RTCP), trying the range
    // round-robin (ports of stopped forwardings are reused last). Bound and released here, then bound
    // by ffmpeg: a race with another program is possible and shows as an ffmpeg that cannot bind,
    // which the supervisor retries.
    private int? FreePorts()
    {
        var blocks = _options.PortCount / 4;
        for (var i = 0; i < blocks; i++)
        {
            var block = (_nextPort + i) % blocks;
            var port = _options.FirstPort + (4 * block);
            if (UdpFree(port) && UdpFree(port + 1) && UdpFree(port + 2) && UdpFree(port + 3))
            {
                _nextPort = block + 1;
                return port;
            }
        }

        return null;
    }

    private static bool UdpFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "HLS forwarding of {SessionId} in room {RoomId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string roomId, string sessionId, string reason);
}
