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

    public static int FreeTcp(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
