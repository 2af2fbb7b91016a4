namespace Tributary.Studio.Pipeline;

/// <summary>
/// Makes a restarted compositor's MPEG-TS input (an ingest) start at a video keyframe. The ingest's audio and video
/// share one clock, and the compositor keeps that clock (A/V sync, docs/studio.md), so an input joined mid-GOP put
/// the whole program behind by the wait for the first keyframe (up to a GOP: 1 s from the test encoder, 2–8 s from
/// OBS). Closed, the gate drops the stream until the first TS packet of the video PID that starts a PES with the
/// random-access indicator, at least <see cref="SettleTime"/> after closing (the new ffmpeg binds its input port
/// meanwhile); it then sends the last PAT and PMT it saw, then everything from that packet on. It learns the video
/// PID from the PAT and PMT; a stream whose PMT lists no video opens after the settle time, and one whose keyframes
/// are not marked after <see cref="GiveUpAfter"/>, which is no worse than no gate.
/// </summary>
internal sealed class KeyframeGate(TimeProvider time)
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);
    private const int PacketSize = 188;
    private const byte SyncByte = 0x47;
    private readonly object _lock = new();
    private readonly byte[] _pat = new byte[PacketSize];
    private readonly byte[] _pmt = new byte[PacketSize];
    private bool _open = true;
    private long _closedAt;
    private bool _havePat;
    private bool _havePmt;
    private int _pmtPid = -1;
    private int _videoPid = -1;

    /// <summary>True while datagrams pass unchanged.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _open;
            }
        }
    }

    /// <summary>Drops the stream from now until the next keyframe (a new compositor is starting).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _open = false;
            _closedAt = time.GetTimestamp();
        }
    }

    /// <summary>Passes <paramref name="datagram"/> (whole TS packets) to <paramref name="send"/>, or the part of it from a keyframe on, or nothing.</summary>
    public void Pass(ReadOnlySpan<byte> datagram, SendDatagram send)
    {
        ArgumentNullException.ThrowIfNull(send);
        lock (_lock)
        {
            var opensAt = -1;
            for (var offset = 0; offset + PacketSize <= datagram.Length; offset += PacketSize)
            {
                var packet = datagram.Slice(offset, PacketSize);
                if (packet[0] != SyncByte)
                {
                    break;
                }

                Learn(packet);
                if (!_open && opensAt < 0 && (IsKeyframeStart(packet) || (_havePmt && _videoPid < 0)) && time.GetElapsedTime(_closedAt) >= SettleTime)
                {
                    opensAt = offset;
                }
            }

            if (_open)
            {
                send(datagram);
                return;
            }

            if (opensAt < 0 && time.GetElapsedTime(_closedAt) >= GiveUpAfter)
            {
                opensAt = 0;
            }

            if (opensAt < 0)
            {
                return;
            }

            _open = true;
            if (_havePat && _havePmt)
            {
                Span<byte> tables = stackalloc byte[2 * PacketSize];
                _pat.CopyTo(tables);
                _pmt.CopyTo(tables[PacketSize..]);
                send(tables);
            }

            send(datagram[opensAt..]);
        }
    }

    /// <summary>Where the gate's output goes.</summary>
    public delegate void SendDatagram(ReadOnlySpan<byte> datagram);

    private static int Pid(ReadOnlySpan<byte> packet) => ((packet[1] & 0x1F) << 8) | packet[2];

    private static bool StartsUnit(ReadOnlySpan<byte> packet) => (packet[1] & 0x40) != 0;

    // The payload after the header and any adaptation field; empty when there is none.
    private static ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet)
    {
        var control = (packet[3] >> 4) & 0x3;
        if ((control & 0x1) == 0)
        {
            return [];
        }

        var start = 4;
        if ((control & 0x2) != 0)
        {
            start += 1 + packet[4];
        }

        return start < PacketSize ? packet[start..] : [];
    }

    // A PSI section from a unit-starting packet's payload (after its pointer field), or empty.
    private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> packet)
    {
        var payload = Payload(packet);
        if (payload.Length < 1 || 1 + payload[0] + 3 > payload.Length)
        {
            return [];
        }

        var section = payload[(1 + payload[0])..];
        var length = ((section[1] & 0x0F) << 8) | section[2];
        return 3 + length <= section.Length ? section[..(3 + length)] : [];
    }

    private bool IsKeyframeStart(ReadOnlySpan<byte> packet)
    {
        var control = (packet[3] >> 4) & 0x3;
        return Pid(packet) == _videoPid && StartsUnit(packet) && (control & 0x2) != 0 && packet[4] > 0 && (packet[5] & 0x40) != 0;
    }

    // Keeps the PAT and PMT (and the PIDs they name) current.
    private void Learn(ReadOnlySpan<byte> packet)
    {
        if (!StartsUnit(packet))
        {
            return;
        }

        var pid = Pid(packet);
        if (pid == 0 && Section(packet) is { Length: >= 12 } pat && pat[0] == 0x00)
        {
            // Programs from byte 8 to the CRC: program_number (2), reserved + PID (2); number 0 is the network PID.
            for (var i = 8; i + 4 <= pat.Length - 4; i += 4)
            {
                if (((pat[i] << 8) | pat[i + 1]) != 0)
                {
                    _pmtPid = ((pat[i + 2] & 0x1F) << 8) | pat[i + 3];
                    packet.CopyTo(_pat);
                    _havePat = true;
                    break;
                }
            }
        }
        else if (pid == _pmtPid && Section(packet) is { Length: >= 16 } pmt && pmt[0] == 0x02)
        {
            var video = -1;
            var i = 12 + (((pmt[10] & 0x0F) << 8) | pmt[11]);
            while (i + 5 <= pmt.Length - 4)
            {
                var streamType = pmt[i];
                if (video < 0 && streamType is 0x1B or 0x24 or 0x02 or 0x10)
                {
                    video = ((pmt[i + 1] & 0x1F) << 8) | pmt[i + 2];
                }

                i += 5 + (((pmt[i + 3] & 0x0F) << 8) | pmt[i + 4]);
            }

            _videoPid = video;
            packet.CopyTo(_pmt);
            _havePmt = true;
        }
    }
}
