using System.Net;
using System.Net.Sockets;

namespace Tributary.Studio.Pipeline;

/// <summary>Free loopback ports for the pipeline's processes (asked of the kernel, then released for the process to bind).</summary>
internal static class UdpPorts
{
    public static int FreeUdp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>An even port whose successor is free too (ffmpeg's RTP input takes RTP on p and RTCP on p+1).</summary>
    public static int FreePair()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
            if (port % 2 != 0 || port >= 65535)
            {
                continue;
            }

            try
            {
                using var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free even/odd UDP port pair on loopback");
    }

    public static int FreeTcp(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
