using System.Net.Sockets;
using System.Runtime.InteropServices;
using Tributary.Testing.Servers;

namespace Tributary.Testing.Media;

/// <summary>
/// A private network namespace (MEDIA-TESTING.md): <c>lo</c> up plus a veth pair with 10.99.0.1/32 and no
/// IPv6, so WebRTC gathers one non-loopback address and all traffic stays inside. Needs root.
/// </summary>
public sealed partial class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private NetworkNamespace(string name) => Name = name;

    /// <summary>The name given to <c>ip netns</c>.</summary>
    public string Name { get; }

    /// <summary>The address media uses inside.</summary>
    public const string Address = "10.99.0.1";

    /// <summary>Creates a namespace; throws with a clear message when not root or iproute2 is missing.</summary>
    public static NetworkNamespace Create()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("browser media tests create a network namespace and must run as root (as CI does)");
        }

        ExternalProcess.Require("/usr/sbin/ip", "iproute2");
        var ns = new NetworkNamespace("trib-" + Guid.NewGuid().ToString("N")[..8]);
        ExternalProcess.Run("ip", "netns", "add", ns.Name);
        try
        {
            ns.Exec("ip", "link", "set", "lo", "up");
            ns.Exec("ip", "link", "add", "veth-a", "type", "veth", "peer", "name", "veth-b");
            ns.Exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            ns.Exec("ip", "addr", "add", Address + "/32", "dev", "veth-a");
            ns.Exec("ip", "link", "set", "veth-a", "up");
            ns.Exec("ip", "link", "set", "veth-b", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }

        return ns;
    }

    /// <summary>Runs a command inside.</summary>
    public string Exec(params string[] args) => ExternalProcess.Run("ip", ["netns", "exec", Name, .. args]);

    /// <summary>
    /// An HTTP handler whose connections are made inside the namespace, so the test process (outside) can call
    /// servers listening on the namespace's 127.0.0.1 (readiness, APIs, playlists, and WebSockets through
    /// <c>ClientWebSocket.ConnectAsync(uri, new HttpMessageInvoker(handler), ct)</c>).
    /// </summary>
    public SocketsHttpHandler CreateHttpHandler() => new()
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = CreateSocket();
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// A TCP socket that belongs to the namespace: a socket keeps the network namespace of the thread that made
    /// it, so a short-lived thread enters the namespace (setns changes only the calling thread), makes the
    /// socket and ends; no pooled thread is ever moved.
    /// </summary>
    public Socket CreateSocket()
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/run/netns", Name));
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"cannot make a socket in namespace {Name}", failure);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    /// <summary>Deletes the namespace.</summary>
    public void Dispose()
    {
        try
        {
            ExternalProcess.Run("ip", "netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
