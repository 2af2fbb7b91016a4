using System.Net;
using System.Net.Sockets;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// The encode-once fan-out: the compositor sends its MPEG-TS program to one loopback UDP port, and the bus
/// copies every datagram to each output (a destination relay, the LL-HLS packager). Adding or removing an
/// output never touches the encoder, and the compositor can restart (scene change) while the relays keep
/// their RTMP connections. A datagram is ~1.3 KB; at 3 Mbit/s that is ~300 sends per output per second.
/// </summary>
internal sealed class ProgramBus : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private IPEndPoint[] _outputs = [];
    private Task? _loop;
    private long _datagrams;

    public ProgramBus()
    {
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>Where the compositor sends.</summary>
    public int Port { get; }

    /// <summary>Datagrams received so far.</summary>
    public long Datagrams => Interlocked.Read(ref _datagrams);

    public void Start() => _loop = Task.Run(() => PumpAsync(_stop.Token));

    public void Add(IPEndPoint output)
    {
        lock (_gate)
        {
            _outputs = [.. _outputs, output];
        }
    }

    public void Remove(IPEndPoint output)
    {
        lock (_gate)
        {
            _outputs = [.. _outputs.Where(o => !o.Equals(output))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _datagrams);
            var outputs = Volatile.Read(ref _outputs);
            foreach (var output in outputs)
            {
                try
                {
                    // A relay that is restarting has no socket bound: the kernel drops the datagram, which is
                    // what a reconnecting destination should get.
                    _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, output);
                }
                catch (SocketException)
                {
                }
            }
        }
    }
}
