using System.Net.WebSockets;
using System.Text;

namespace Tributary.Client;

/// <summary>
/// A client of the <c>/signal</c> protocol: one WebSocket, one session (<see cref="Session"/>).
/// Signals that the server acks return the ack as an awaitable result (failures are results with a code,
/// not exceptions); everything else the server sends (PUBLISH_LIST_CHANGED, forwarded signals, KEEPALIVE)
/// raises <see cref="MessageReceived"/> and waits in an inbox for <see cref="WaitForAsync"/>.
/// Joined rooms get heartbeats, and after a reconnect are joined again.
/// </summary>
public sealed partial class SignalClient : IAsyncDisposable
{
    private readonly Func<CancellationToken, ValueTask<string>> _token;
    private readonly List<Uri> _servers;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<PendingAck> _pending = [];
    private readonly LinkedList<SignalMessage> _inbox = new();
    private readonly List<(Func<SignalMessage, bool> Predicate, TaskCompletionSource<SignalMessage> Waiter)> _waiters = [];
    private readonly Dictionary<string, JoinedRoom> _rooms = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private ClientWebSocket _socket = new();
    private TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiver;
    private Task? _heartbeats;
    private int _server;
    private long _heartbeatId;

    private SignalClient(IEnumerable<Uri> servers, Func<CancellationToken, ValueTask<string>> token, SignalSession session, SignalClientOptions options)
    {
        _servers = [.. servers];
        _token = token;
        Session = session;
        Options = options;
    }

    /// <summary>The <c>ss</c> this client sends.</summary>
    public SignalSession Session { get; }

    /// <summary>The options.</summary>
    public SignalClientOptions Options { get; }

    /// <summary>The server currently (or last) connected to.</summary>
    public Uri Server => _servers[_server];

    /// <summary>True while the socket is open.</summary>
    public bool IsConnected => _socket.State == WebSocketState.Open;

    /// <summary>Completes when the current socket closes, with the server's close status (null when it just dropped).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>Every message that is not the ack of a pending signal.</summary>
    public event Action<SignalMessage>? MessageReceived;

    /// <summary>Raised after a reconnect, once every joined room has been joined again.</summary>
    public event Action? Reconnected;

    /// <summary>Connects to <paramref name="server"/> (http(s) or ws(s) base address; <c>/signal</c> is added).</summary>
    public static Task<SignalClient> ConnectAsync(Uri server, string accessToken, SignalSession session, SignalClientOptions? options = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(server, _ => ValueTask.FromResult(accessToken), session, options, cancellationToken);

    /// <summary>Connects; <paramref name="accessToken"/> is asked again at every reconnect (tokens expire).</summary>
    public static async Task<SignalClient> ConnectAsync(Uri server, Func<CancellationToken, ValueTask<string>> accessToken, SignalSession session, SignalClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= new SignalClientOptions();
        var client = new SignalClient([server, .. options.FallbackServers], accessToken, session, options);
        await client.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (options.AutoHeartbeat)
        {
            client._heartbeats = Task.Run(client.HeartbeatLoopAsync, CancellationToken.None);
        }

        return client;
    }

    /// <summary>Sends a text message as is (one frame). For tests of bad input.</summary>
    public Task SendRawAsync(string text, CancellationToken cancellationToken = default) =>
        SendFrameAsync(Encoding.UTF8.GetBytes(text), endOfMessage: true, WebSocketMessageType.Text, cancellationToken);

    /// <summary>Sends one frame as is. For tests of frame and message limits.</summary>
    public async Task SendFrameAsync(ReadOnlyMemory<byte> payload, bool endOfMessage, WebSocketMessageType type = WebSocketMessageType.Text, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(payload, type, endOfMessage, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Waits for (and takes out of the inbox) the first unsolicited message matching <paramref name="predicate"/>,
    /// including one that arrived before the call.
    /// </summary>
    public async Task<SignalMessage> WaitForAsync(Func<SignalMessage, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        TaskCompletionSource<SignalMessage> waiter;
        lock (_inbox)
        {
            for (var node = _inbox.First; node is not null; node = node.Next)
            {
                if (predicate(node.Value))
                {
                    _inbox.Remove(node);
                    return node.Value;
                }
            }

            waiter = new TaskCompletionSource<SignalMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, waiter));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        cts.CancelAfter(timeout ?? Options.AckTimeout);
        using (cts.Token.Register(() => waiter.TrySetCanceled()))
        {
            try
            {
                return await waiter.Task.ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("no matching message arrived in time");
            }
            finally
            {
                lock (_inbox)
                {
                    _waiters.RemoveAll(w => w.Waiter == waiter);
                }
            }
        }
    }

    /// <summary>The unsolicited messages received and not yet taken by <see cref="WaitForAsync"/>.</summary>
    public IReadOnlyList<SignalMessage> Inbox()
    {
        lock (_inbox)
        {
            return [.. _inbox];
        }
    }

    /// <summary>Closes the socket (status 1000) without leaving rooms; the server expires them.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        _disposed.Cancel();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Drops the connection abruptly (as a network failure would); with <see cref="SignalClientOptions.Reconnect"/> the client comes back.</summary>
    public void Abort() => _socket.Abort();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _socket.Abort();
        foreach (var task in new[] { _receiver, _heartbeats })
        {
            if (task is not null)
            {
                await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            }
        }

        _socket.Dispose();
        _sendLock.Dispose();
        _disposed.Dispose();
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var token = await _token(cancellationToken).ConfigureAwait(false);
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(Server)
        {
            Scheme = Server.Scheme is "https" or "wss" ? "wss" : "ws",
            Path = Server.AbsolutePath.TrimEnd('/') + "/signal",
            Query = "token=" + Uri.EscapeDataString(token),
        }.Uri;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var old = _socket;
        _socket = socket;
        old.Dispose();
        _closed = new TaskCompletionSource<WebSocketCloseStatus?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver = Task.Run(() => ReceiveLoopAsync(socket, _closed), CancellationToken.None);
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, TaskCompletionSource<WebSocketCloseStatus?> closed)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), _disposed.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Dispatch(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Dropped: see below.
        }

        closed.TrySetResult(socket.CloseStatus);
        FailPending(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "the connection closed"));
        if (Options.Reconnect && !_disposed.IsCancellationRequested && ReferenceEquals(socket, _socket))
        {
            _ = Task.Run(ReconnectAsync);
        }
    }

    private async Task ReconnectAsync()
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
                await OpenAsync(_disposed.Token).ConfigureAwait(false);
                List<JoinedRoom> rooms;
                lock (_rooms)
                {
                    rooms = [.. _rooms.Values];
                }

                foreach (var room in rooms)
                {
                    // As the apps' watchdog: up to 3 JOINs while the room answers 500 (e.g. moving to another silo).
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var ack = await SendForAckAsync("join", room.JoinData(Session), "JOIN", room.RoomId, _disposed.Token).ConfigureAwait(false);
                        if (ack.Code != SignalCode.InternalServerError)
                        {
                            break;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(1), _disposed.Token).ConfigureAwait(false);
                    }
                }

                Reconnected?.Invoke();
                return;
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or HttpRequestException or IOException)
            {
                _server = (_server + 1) % _servers.Count;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.MaxReconnectDelay.Ticks));
            }
        }
    }

    private void Dispatch(string json)
    {
        if (SignalMessage.TryParse(json) is not { } message)
        {
            return;
        }

        if (message.IsAck)
        {
            PendingAck? match = null;
            lock (_pending)
            {
                var rid = message.RoomId;
                match = _pending.Find(p => p.Signal == message.Signal && (rid is null || p.RoomId == rid));
                if (match is not null)
                {
                    _pending.Remove(match);
                }
            }

            if (match is not null)
            {
                match.Completion.TrySetResult(message);
                return;
            }
        }

        MessageReceived?.Invoke(message);
        lock (_inbox)
        {
            var waiter = _waiters.Find(w => w.Predicate(message));
            if (waiter.Waiter is not null)
            {
                _waiters.Remove(waiter);
                waiter.Waiter.TrySetResult(message);
                return;
            }

            _inbox.AddLast(message);
            while (_inbox.Count > Options.InboxCapacity)
            {
                _inbox.RemoveFirst();
            }
        }
    }

    private void FailPending(Exception error)
    {
        List<PendingAck> pending;
        lock (_pending)
        {
            pending = [.. _pending];
            _pending.Clear();
        }

        foreach (var p in pending)
        {
            p.Completion.TrySetException(error);
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(Options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token).ConfigureAwait(false))
            {
                List<JoinedRoom> rooms;
                lock (_rooms)
                {
                    rooms = [.. _rooms.Values];
                }

                foreach (var room in rooms)
                {
                    if (IsConnected)
                    {
                        try
                        {
                            await SendAsync("heartbeat", HeartbeatData(room.RoomId, room.Channel, false), _disposed.Token).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is WebSocketException or InvalidOperationException or ObjectDisposedException)
                        {
                            // Reconnecting; the next tick tries again.
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task SendAsync(string action, byte[] data, CancellationToken cancellationToken)
    {
        var envelope = Envelope(action, data);
        await SendFrameAsync(envelope, endOfMessage: true, WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SignalMessage> SendForAckAsync(string action, byte[] data, string signal, string roomId, CancellationToken cancellationToken)
    {
        var pending = new PendingAck(signal, roomId);
        lock (_pending)
        {
            _pending.Add(pending);
        }

        try
        {
            await SendAsync(action, data, cancellationToken).ConfigureAwait(false);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(Options.AckTimeout);
            using (cts.Token.Register(() => pending.Completion.TrySetCanceled()))
            {
                try
                {
                    return await pending.Completion.Task.ConfigureAwait(false);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"no {signal} ack within {Options.AckTimeout.TotalSeconds} s");
                }
            }
        }
        finally
        {
            lock (_pending)
            {
                _pending.Remove(pending);
            }
        }
    }

    private sealed class PendingAck(string signal, string roomId)
    {
        public string Signal { get; } = signal;

        public string RoomId { get; } = roomId;

        public TaskCompletionSource<SignalMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
