using System.Net;
using System.Net.Sockets;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// A UDP socket (loopback unless told otherwise) and its receive loop: every datagram goes to a callback, which may send from the same
/// socket (<see cref="SendTo"/>). The shared part of the program bus and the source taps.
/// </summary>
internal sealed class UdpPump : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<UdpPump, ReadOnlySpan<byte>> _received;
    private Task? _loop;

    /// <param name="receiveBufferBytes">The kernel's receive buffer: room for bursts (a keyframe) while the loop is busy.</param>
    /// <param name="received">Called on the loop for each datagram; the span is valid only during the call.</param>
    /// <param name="address">The address to bind (an IPv4 address of this host); loopback when null.</param>
    public UdpPump(int receiveBufferBytes, Action<UdpPump, ReadOnlySpan<byte>> received, IPAddress? address = null)
    {
        _received = received;
        _socket.ReceiveBufferSize = receiveBufferBytes;
        _socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>Sends one datagram; a target with no socket bound (a process restarting) just loses it.</summary>
    public void SendTo(ReadOnlySpan<byte> datagram, IPEndPoint target)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, target);
        }
        catch (SocketException)
        {
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

    private async Task LoopAsync(CancellationToken cancellationToken)
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

            _received(this, buffer.AsSpan(0, length));
        }
    }
}
