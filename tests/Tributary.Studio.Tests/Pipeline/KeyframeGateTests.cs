using Microsoft.Extensions.Time.Testing;
using Tributary.Studio.Pipeline;

namespace Tributary.Studio.Tests.Pipeline;

/// <summary>
/// The ingest's keyframe gate on hand-made MPEG-TS (ISO/IEC 13818-1 packets: a PAT naming PMT PID 0x1000, a PMT with
/// H.264 on 0x100 and AAC on 0x101, video PES starts with and without the random-access indicator, audio). The
/// GoLive, RTMP ingest and A/V-sync tests run real ffmpeg streams through it.
/// </summary>
public sealed class KeyframeGateTests
{
    private const int VideoPid = 0x100;
    private const int AudioPid = 0x101;
    private readonly FakeTimeProvider _time = new();
    private readonly List<byte[]> _sent = [];

    [Fact]
    public void An_open_gate_passes_every_datagram_unchanged()
    {
        var gate = new KeyframeGate(_time);
        var datagram = Concat(Pat(), Pmt(), Video(keyframe: false, 1), Audio(2));

        gate.Pass(datagram, Send);

        Assert.True(gate.IsOpen);
        Assert.Equal([datagram], _sent);
    }

    [Fact]
    public void A_closed_gate_drops_until_a_video_keyframe_then_sends_the_tables_and_everything_from_that_keyframe_on()
    {
        var gate = new KeyframeGate(_time);
        gate.Pass(Concat(Pat(), Pmt()), Send);
        _sent.Clear();

        gate.Close();
        _time.Advance(KeyframeGate.SettleTime);
        gate.Pass(Concat(Video(keyframe: false, 1), Audio(2)), Send);
        Assert.Empty(_sent);
        Assert.False(gate.IsOpen);

        var opening = Concat(Audio(3), Video(keyframe: true, 4), Audio(5));
        gate.Pass(opening, Send);

        Assert.True(gate.IsOpen);
        Assert.Equal(2, _sent.Count);
        Assert.Equal(Concat(Pat(), Pmt()), _sent[0]);
        Assert.Equal(Concat(Video(keyframe: true, 4), Audio(5)), _sent[1]);

        var after = Concat(Video(keyframe: false, 6));
        gate.Pass(after, Send);
        Assert.Equal(after, _sent[2]);
    }

    [Fact]
    public void A_keyframe_before_the_new_compositor_had_time_to_listen_does_not_open_the_gate()
    {
        var gate = new KeyframeGate(_time);
        gate.Pass(Concat(Pat(), Pmt()), Send);
        _sent.Clear();
        gate.Close();

        _time.Advance(KeyframeGate.SettleTime / 2);
        gate.Pass(Video(keyframe: true, 1), Send);
        Assert.Empty(_sent);

        _time.Advance(KeyframeGate.SettleTime);
        gate.Pass(Video(keyframe: true, 2), Send);
        Assert.Equal(Video(keyframe: true, 2), _sent[^1]);
    }

    [Fact]
    public void An_audio_only_stream_opens_after_the_settle_time_and_one_without_marked_keyframes_after_the_give_up_time()
    {
        var audioOnly = new KeyframeGate(_time);
        audioOnly.Pass(Concat(Pat(), Pmt(withVideo: false)), Send);
        audioOnly.Close();
        _time.Advance(KeyframeGate.SettleTime);
        audioOnly.Pass(Audio(1), Send);
        Assert.True(audioOnly.IsOpen);

        var unmarked = new KeyframeGate(_time);
        unmarked.Pass(Concat(Pat(), Pmt()), Send);
        unmarked.Close();
        _time.Advance(KeyframeGate.GiveUpAfter - TimeSpan.FromMilliseconds(1));
        unmarked.Pass(Video(keyframe: false, 1), Send);
        Assert.False(unmarked.IsOpen);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        unmarked.Pass(Video(keyframe: false, 2), Send);
        Assert.True(unmarked.IsOpen);
    }

    [Fact]
    public void Garbage_and_short_datagrams_neither_open_the_gate_nor_throw()
    {
        var gate = new KeyframeGate(_time);
        gate.Pass(Concat(Pat(), Pmt()), Send);
        gate.Close();
        _time.Advance(KeyframeGate.SettleTime);
        _sent.Clear();

        gate.Pass(new byte[100], Send);
        gate.Pass(Enumerable.Repeat((byte)0x47, 188 * 3).ToArray(), Send);
        gate.Pass([], Send);

        Assert.Empty(_sent);
        Assert.False(gate.IsOpen);
    }

    private void Send(ReadOnlySpan<byte> datagram) => _sent.Add(datagram.ToArray());

    private static byte[] Concat(params byte[][] packets) => [.. packets.SelectMany(p => p)];

    private static byte[] Packet(int pid, bool unitStart, byte[] adaptation, byte[] payload)
    {
        var packet = Enumerable.Repeat((byte)0xFF, 188).ToArray();
        packet[0] = 0x47;
        packet[1] = (byte)((unitStart ? 0x40 : 0) | (pid >> 8));
        packet[2] = (byte)pid;
        packet[3] = (byte)(((adaptation.Length > 0 ? 0x2 : 0) | 0x1) << 4);
        var at = 4;
        if (adaptation.Length > 0)
        {
            packet[at++] = (byte)adaptation.Length;
            adaptation.CopyTo(packet, at);
            at += adaptation.Length;
        }

        payload.CopyTo(packet, at);
        return packet;
    }

    private static byte[] Pat() => Packet(0, true, [],
    [
        0x00, // pointer field
        0x00, 0xB0, 13, 0x00, 0x01, 0xC1, 0x00, 0x00, // table 0, section length 13, stream id 1, version, section 0/0
        0x00, 0x01, 0xF0, 0x00, // program 1 → PMT PID 0x1000
        0xDE, 0xAD, 0xBE, 0xEF, // CRC (not checked)
    ]);

    private static byte[] Pmt(bool withVideo = true)
    {
        byte[] video = [0x1B, 0xE0 | (VideoPid >> 8), VideoPid & 0xFF, 0xF0, 0x00];
        byte[] audio = [0x0F, 0xE0 | (AudioPid >> 8), AudioPid & 0xFF, 0xF0, 0x00];
        byte[] streams = withVideo ? [.. video, .. audio] : audio;
        byte[] head = [0x00, 0x01, 0xC1, 0x00, 0x00, 0xE0 | (AudioPid >> 8), AudioPid & 0xFF, 0xF0, 0x00];
        var length = head.Length + streams.Length + 4;
        return Packet(0x1000, true, [], [0x00, 0x02, (byte)(0xB0 | (length >> 8)), (byte)length, .. head, .. streams, 0xDE, 0xAD, 0xBE, 0xEF]);
    }

    // A video PES start; a keyframe's adaptation field carries the random-access indicator (and a PCR flag, as ffmpeg writes).
    private static byte[] Video(bool keyframe, byte marker) =>
        Packet(VideoPid, true, keyframe ? [0x50, 0, 0, 0, 0, 0, 0] : [], [0x00, 0x00, 0x01, 0xE0, marker]);

    private static byte[] Audio(byte marker) => Packet(AudioPid, true, [], [0x00, 0x00, 0x01, 0xC0, marker]);
}
