using System.Net;
using System.Net.Sockets;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// Where one source's packets arrive (from Janus rtp_forward or the ingest): it remembers when the last one
/// came, so the session knows which sources are live, and passes each on to the compositor's input port.
/// </summary>
internal sealed class SourceTap : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly IPEndPoint _target;
    private Task? _loop;
    private long _lastPacket = long.MinValue;

    public SourceTap(TimeProvider time, bool rtp = false)
    {
        _time = time;
        _socket.ReceiveBufferSize = 2 * 1024 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        CompositorPort = rtp ? UdpPorts.FreePair() : UdpPorts.FreeUdp();
        _target = new IPEndPoint(IPAddress.Loopback, CompositorPort);
    }

    /// <summary>Where the source sends.</summary>
    public int Port { get; }

    /// <summary>Where the compositor listens for this source (the same across compositor runs).</summary>
    public int CompositorPort { get; }

    /// <summary>True when a packet came within <paramref name="timeout"/>.</summary>
    public bool IsLive(TimeSpan timeout)
    {
        var last = Interlocked.Read(ref _lastPacket);
        return last != long.MinValue && _time.GetElapsedTime(last) < timeout;
    }

    public void Start() => _loop = Task.Run(() => PumpAsync(_stop.Token));

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

            Interlocked.Exchange(ref _lastPacket, _time.GetTimestamp());
            try
            {
                _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, _target);
            }
            catch (SocketException)
            {
            }
        }
    }
}
