using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tributary.Studio.Sources;

/// <summary>
/// The RTCP side of a video tap: its port goes to the munit as the forward's <c>rtcp_port</c>, Janus latches to it
/// (two empty packets from the forwarder's own RTCP socket, whose address this remembers), and a PLI sent back there
/// makes Janus ask the publisher for a keyframe at once — so a restarted compositor decodes the publisher within a
/// frame or two instead of waiting for the munit's periodic keyframe request.
/// </summary>
internal sealed class KeyframeRequester : IAsyncDisposable
{
    private const int PliLength = 12;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private EndPoint? _janus;

    public KeyframeRequester(IPAddress address)
    {
        _socket.Bind(new IPEndPoint(address, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _loop = Task.Run(() => LatchAsync(_stop.Token));
    }

    /// <summary>The port the munit's forwarder latches to.</summary>
    public int Port { get; }

    /// <summary>True once the forwarder latched (a request can be sent).</summary>
    public bool Latched => Volatile.Read(ref _janus) is not null;

    /// <summary>Sends one PLI for <paramref name="mediaSsrc"/> to the forwarder; false when it has not latched yet or the socket is gone.</summary>
    public bool Request(uint mediaSsrc)
    {
        if (Volatile.Read(ref _janus) is not { } janus)
        {
            return false;
        }

        // RTCP payload-specific feedback (PT 206), FMT 1 = PLI, length 2 (words − 1), sender SSRC, media SSRC (RFC 4585 6.3.1).
        Span<byte> pli = stackalloc byte[PliLength];
        pli[0] = 0x81;
        pli[1] = 206;
        BinaryPrimitives.WriteUInt16BigEndian(pli[2..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(pli[4..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(pli[8..], mediaSsrc);
        try
        {
            _socket.SendTo(pli, SocketFlags.None, janus);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LatchAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1500];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _janus, received.RemoteEndPoint);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
