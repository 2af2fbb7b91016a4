using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tributary.Bench.Realtime;

/// <summary>
/// One <c>graphql-transport-ws</c> subscriber on a raw <see cref="ClientWebSocket"/>: connects, sends
/// <c>connection_init</c> and one <c>subscribe</c>, then records when each <c>next</c> arrives.
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly long[] _arrivals;
    private readonly Func<int> _current;
    private readonly Action<int> _onEvent;
    private Task? _reading;

    /// <param name="events">How many events the run sends.</param>
    /// <param name="current">The event being sent now: the bench sends the next only when every subscriber has this one.</param>
    /// <param name="onEvent">Called once per subscriber and event.</param>
    public Subscriber(int events, Func<int> current, Action<int> onEvent)
    {
        _arrivals = new long[events];
        _current = current;
        _onEvent = onEvent;
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Why this subscriber stopped reading early, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>Stopwatch timestamp of event <paramref name="index"/>'s arrival (0: not arrived).</summary>
    public long ArrivalOf(int index) => _arrivals[index];

    public async Task StartAsync(Uri uri, string token, string subscribe, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(uri, cancellationToken);
        await SendAsync(JsonSerializer.Serialize(new { type = "connection_init", payload = new { token } }), cancellationToken);
        var buffer = new byte[4096];
        var ack = await _socket.ReceiveAsync(buffer, cancellationToken);
        if (!Encoding.UTF8.GetString(buffer, 0, ack.Count).Contains("connection_ack", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("no connection_ack: " + Encoding.UTF8.GetString(buffer, 0, ack.Count));
        }

        await SendAsync(subscribe, cancellationToken);
        _reading = ReadAsync(buffer);
    }

    private async Task ReadAsync(byte[] buffer)
    {
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                // One small message per event; anything but `next` (an error) is a failure of the run.
                if (!result.EndOfMessage || buffer.AsSpan(0, result.Count).IndexOf("\"next\""u8) < 0)
                {
                    Failure = "unexpected message: " + Encoding.UTF8.GetString(buffer, 0, result.Count);
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                var index = _current();
                if (_arrivals[index] == 0)
                {
                    _arrivals[index] = now;
                    _onEvent(index);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed (by us at the end, or under us: the event counts show it).
        }
    }

    private Task SendAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        if (_reading is not null)
        {
            await _reading.ConfigureAwait(false);
        }
    }
}
