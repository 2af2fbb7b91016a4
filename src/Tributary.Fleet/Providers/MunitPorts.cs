namespace Tributary.Fleet.Providers;

/// <summary>The ports of one munit process (slot) of the <c>process</c> provider.</summary>
/// <param name="Http">The server's HTTP port (<c>--urls</c>).</param>
/// <param name="JanusHttp">Janus's HTTP API (<c>Media:Janus:HttpPort</c>).</param>
/// <param name="JanusAdmin">Janus's admin API (<c>Media:Janus:AdminPort</c>).</param>
/// <param name="Silo">The Orleans silo port (<c>Cluster:SiloPort</c>).</param>
/// <param name="Gateway">The Orleans gateway port (<c>Cluster:GatewayPort</c>).</param>
/// <param name="RtpFirst">First UDP port of Janus's media range.</param>
/// <param name="RtpLast">Last UDP port of Janus's media range.</param>
public sealed record MunitPorts(int Http, int JanusHttp, int JanusAdmin, int Silo, int Gateway, int RtpFirst, int RtpLast)
{
    /// <summary>The ports of <paramref name="slot"/> under <paramref name="options"/>.</summary>
    public static MunitPorts ForSlot(ProcessMunitOptions options, int slot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, options.Slots);
        var first = options.FirstPort + (slot * options.PortStride);
        var rtp = options.FirstRtpPort + (slot * options.RtpPortsPerMunit);
        return new(first, first + 1, first + 2, first + 3, first + 4, rtp, rtp + options.RtpPortsPerMunit - 1);
    }
}
