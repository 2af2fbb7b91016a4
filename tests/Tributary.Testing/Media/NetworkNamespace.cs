using Tributary.Testing.Servers;

namespace Tributary.Testing.Media;

/// <summary>
/// A private network namespace (MEDIA-TESTING.md): <c>lo</c> up plus a veth pair with 10.99.0.1/32 and no
/// IPv6, so WebRTC gathers one non-loopback address and all traffic stays inside. Needs root.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
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
