using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tributary.Rooms.Grains;
using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Gateway;

/// <summary>
/// One client socket: reads messages in order (one at a time, so a client's signals apply in the order
/// sent), answers acks, and writes everything through one bounded queue drained by a single writer.
/// </summary>
internal sealed partial class SignalConnection
{
    private static readonly byte[] KeepAliveMessage = JsonText.Ack(200, SignalNames.KeepAlive, "{}");

    private readonly WebSocket _socket;
    private readonly FrameLimitStream _limits;
    private readonly Action _abortConnection;
    private readonly string _userId;
    private readonly SignalRelay _relay;
    private readonly IGrainFactory _grains;
    private readonly RoomsOptions _options;
    private readonly bool _allowUserFaking;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GatewayMetrics _metrics;
    private readonly Channel<Outgoing> _outbox;
    private readonly TokenBucket _bucket;
    private readonly HashSet<(string Room, string Session)> _tracked = [];
    private long _lastActivity;

    public SignalConnection(WebSocket socket, FrameLimitStream limits, Action abortConnection, string userId, SignalRelay relay, IGrainFactory grains, RoomsOptions options, bool allowUserFaking, TimeProvider time, ILogger logger, GatewayMetrics metrics)
    {
        _metrics = metrics;
        _socket = socket;
        _abortConnection = abortConnection;
        _limits = limits;
        _userId = userId;
        _relay = relay;
        _grains = grains;
        _options = options;
        _allowUserFaking = allowUserFaking;
        _time = time;
        _logger = logger;
        _outbox = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _bucket = new TokenBucket(time, options.MessagesPerSecond, options.MessageBurst);
        _lastActivity = time.GetTimestamp();
    }

    /// <summary>Queues a message; a client that lets its queue fill is too slow and is disconnected.</summary>
    public void Enqueue(byte[] payload)
    {
        if (!_outbox.Writer.TryWrite(new Outgoing(payload, null, null)))
        {
            if (_socket.State == WebSocketState.Open)
            {
                LogSlowClient(_logger, _userId, _options.SendQueueCapacity);
                _metrics.SlowClients.Add(1);
            }

            Drop();
        }
    }

    public void Track((string Room, string Session) key)
    {
        lock (_tracked)
        {
            _tracked.Add(key);
        }
    }

    public void Untrack((string Room, string Session) key)
    {
        lock (_tracked)
        {
            _tracked.Remove(key);
        }
    }

    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        var sender = Task.Run(() => SendLoopAsync(aborted), CancellationToken.None);
        // Server shutting down: 1001 tells clients to reconnect (to another node) and re-JOIN.
        using var goingAway = stopping.Register(() => Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
        var keepAlivePeriod = _options.KeepAliveInterval / 2;
        using var keepAlive = _time.CreateTimer(_ => KeepAlive(), null, keepAlivePeriod, keepAlivePeriod);
        _metrics.Sockets.Add(1);
        try
        {
            await ReceiveLoopAsync(aborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            LogSocketLost(_logger, _userId, e.Message);
        }
        finally
        {
            _outbox.Writer.TryComplete();
            await Task.WhenAny(sender, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            if (_socket.State != WebSocketState.Closed)
            {
                Drop();
            }

            (string Room, string Session)[] keys;
            lock (_tracked)
            {
                keys = [.. _tracked];
            }

            foreach (var (room, session) in keys)
            {
                _relay.Detach(room, session, this);
            }

            _socket.Dispose();
            _metrics.Sockets.Add(-1);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken aborted)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(4 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(chunk.AsMemory(), aborted);
                if (_limits.OversizedFrame)
                {
                    LogTooBig(_logger, _userId, "frame", _options.MaxFrameBytes);
                    _metrics.TooBig.Add(1);
                    Close(WebSocketCloseStatus.MessageTooBig, "frame too big");
                    await DrainAsync(chunk);
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Close(WebSocketCloseStatus.NormalClosure, string.Empty);
                    return;
                }

                if (message.WrittenCount + result.Count > _options.MaxMessageBytes)
                {
                    LogTooBig(_logger, _userId, "message", _options.MaxMessageBytes);
                    _metrics.TooBig.Add(1);
                    Close(WebSocketCloseStatus.MessageTooBig, "message too big");
                    await DrainAsync(chunk);
                    return;
                }

                message.Write(chunk.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                _lastActivity = _time.GetTimestamp();
                _metrics.Messages.Add(1);
                if (!_bucket.TryTake())
                {
                    LogRateLimited(_logger, _userId);
                    _metrics.RateLimited.Add(1);
                    Close(WebSocketCloseStatus.PolicyViolation, "rate limit exceeded");
                    await DrainAsync(chunk);
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Enqueue(JsonText.Error(SignalCodes.InvalidSignal, SignalNames.Unknown, "null", "binary messages are not supported: send JSON text"));
                }
                else
                {
                    await HandleAsync(message.WrittenMemory);
                }

                message.ResetWrittenCount();
                if (message.Capacity > 64 * 1024)
                {
                    message = new ArrayBufferWriter<byte>(4 * 1024);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        var parsed = SignalParser.Parse(utf8.Span, _userId, _allowUserFaking, _options.MaxIdLength);
        if (parsed.Signal is not { } signal)
        {
            LogInvalid(_logger, _userId, parsed.ErrorCode, parsed.ErrorMessage ?? string.Empty);
            Enqueue(JsonText.Error(parsed.ErrorCode, parsed.SignalName, parsed.Request, parsed.ErrorMessage ?? "invalid signal"));
            return;
        }

        // Routed here before the room answers, so nothing the room sends meanwhile is missed.
        var attached = _relay.Attach(signal.RoomId, signal.Session.SessionId, this);
        SignalReply reply;
        try
        {
            reply = await _grains.GetGrain<IRoomGrain>(signal.RoomId).HandleAsync(signal with { Relay = _relay.Reference });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRoomFailed(_logger, signal.RoomId, parsed.SignalName, e);
            reply = SignalReply.Fail(SignalCodes.InternalServerError, "the room could not be reached; leave and join again");
        }

        if ((!reply.IsSuccess && attached) || (reply.IsSuccess && signal.Kind == SignalKind.Leave))
        {
            _relay.Detach(signal.RoomId, signal.Session.SessionId, this);
        }

        if (!reply.Silent)
        {
            Enqueue(reply.IsSuccess
                ? JsonText.Ack(reply.Code, parsed.SignalName, reply.Body)
                : JsonText.Error(reply.Code, parsed.SignalName, signal.Raw, reply.Message ?? "failed"));
        }

        foreach (var after in reply.AfterAck)
        {
            Enqueue(System.Text.Encoding.UTF8.GetBytes(after));
        }
    }

    /// <summary>After a close we started: read (and drop) until the client's close, so it gets ours before the connection goes.</summary>
    private async Task DrainAsync(byte[] chunk)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while ((await _socket.ReceiveAsync(chunk.AsMemory(), timeout.Token)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Gone or silent: the socket is aborted next.
        }
    }

    private void Close(WebSocketCloseStatus status, string reason)
    {
        if (!_outbox.Writer.TryWrite(new Outgoing(null, status, reason)))
        {
            Drop();
        }
    }

    private void KeepAlive()
    {
        if (_time.GetElapsedTime(Volatile.Read(ref _lastActivity)) >= _options.KeepAliveInterval)
        {
            Enqueue(KeepAliveMessage);
        }
    }

    private async Task SendLoopAsync(CancellationToken aborted)
    {
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(aborted))
            {
                if (item.Close is { } status)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(status, item.Reason, aborted);
                    }

                    return;
                }

                await _socket.SendAsync(item.Payload.AsMemory(), WebSocketMessageType.Text, true, aborted);
                Volatile.Write(ref _lastActivity, _time.GetTimestamp());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Drop();
        }
    }

    /// <summary>
    /// Aborting the WebSocket alone leaves Kestrel's upgraded connection open while a send is blocked on a
    /// peer that reads nothing (measured: the socket then hung with its last sends unread), so the TCP
    /// connection is aborted too.
    /// </summary>
    private void Drop()
    {
        _socket.Abort();
        _abortConnection();
    }

    private readonly record struct Outgoing(byte[]? Payload, WebSocketCloseStatus? Close, string? Reason);
}
