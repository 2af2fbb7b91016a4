using System.Buffers.Binary;
using System.Net;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// Where one source's packets arrive (from a munit's rtp_forward or the ingest): it remembers when the last one
/// came, so the session knows which sources are live, and passes each on to the compositor's input port.
/// </summary>
internal sealed class SourceTap : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly IPEndPoint _target;
    private readonly UdpPump _pump;
    private readonly bool _rtp;
    private readonly KeyframeGate? _gate;
    private readonly KeyframeGate.SendDatagram _send;
    private long _lastPacket = long.MinValue;
    private uint _ssrc;

    /// <param name="time">The clock of <see cref="IsLive"/>.</param>
    /// <param name="rtp">True for RTP: the compositor's port is the even one of a pair (RTCP on the next).</param>
    /// <param name="address">Where the source sends to; loopback unless a munit on another node sends.</param>
    public SourceTap(TimeProvider time, bool rtp = false, IPAddress? address = null)
    {
        _time = time;
        _rtp = rtp;
        _pump = new UdpPump(2 * 1024 * 1024, Forward, address);
        _gate = rtp ? null : new KeyframeGate(time);
        CompositorPort = rtp ? UdpPorts.FreePair() : UdpPorts.FreeUdp();
        _target = new IPEndPoint(IPAddress.Loopback, CompositorPort);
        _send = datagram => _pump.SendTo(datagram, _target);
    }

    /// <summary>Where the source sends.</summary>
    public int Port => _pump.Port;

    /// <summary>Where the compositor listens for this source (the same across compositor runs).</summary>
    public int CompositorPort { get; }

    /// <summary>The SSRC of the last RTP packet (0 before the first, or for a tap that is not RTP).</summary>
    public uint Ssrc => Volatile.Read(ref _ssrc);

    /// <summary>True when a packet came within <paramref name="timeout"/>.</summary>
    public bool IsLive(TimeSpan timeout)
    {
        var last = Interlocked.Read(ref _lastPacket);
        return last != long.MinValue && _time.GetElapsedTime(last) < timeout;
    }

    public void Start() => _pump.Start();

    /// <summary>
    /// A new compositor is starting: an MPEG-TS source (an ingest) is passed on again only from its next video
    /// keyframe (<see cref="KeyframeGate"/>), so the compositor's input starts where it can decode. RTP taps are not gated.
    /// </summary>
    public void Regate() => _gate?.Close();

    public ValueTask DisposeAsync() => _pump.DisposeAsync();

    private void Forward(UdpPump pump, ReadOnlySpan<byte> datagram)
    {
        Interlocked.Exchange(ref _lastPacket, _time.GetTimestamp());
        if (_rtp && datagram.Length >= 12)
        {
            Volatile.Write(ref _ssrc, BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]));
        }

        if (_gate is null)
        {
            pump.SendTo(datagram, _target);
        }
        else
        {
            _gate.Pass(datagram, _send);
        }
    }
}
