using System.Net;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// The encode-once fan-out: the compositor sends its MPEG-TS program to one loopback UDP port, and the bus
/// copies every datagram to each output (a destination relay, the LL-HLS packager). Adding or removing an
/// output never touches the encoder, and the compositor can restart (scene change) while the relays keep
/// their RTMP connections. A datagram is ~1.3 KB; at 3 Mbit/s that is ~300 sends per output per second.
/// </summary>
internal sealed class ProgramBus : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly UdpPump _pump;
    private IPEndPoint[] _outputs = [];
    private long _datagrams;

    public ProgramBus() => _pump = new UdpPump(4 * 1024 * 1024, Forward);

    /// <summary>Where the compositor sends.</summary>
    public int Port => _pump.Port;

    /// <summary>Datagrams received so far.</summary>
    public long Datagrams => Interlocked.Read(ref _datagrams);

    public void Start() => _pump.Start();

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

    public ValueTask DisposeAsync() => _pump.DisposeAsync();

    private void Forward(UdpPump pump, ReadOnlySpan<byte> datagram)
    {
        Interlocked.Increment(ref _datagrams);
        foreach (var output in Volatile.Read(ref _outputs))
        {
            // A relay that is restarting has no socket bound: the kernel drops the datagram, which is what a
            // reconnecting destination should get.
            pump.SendTo(datagram, output);
        }
    }
}
