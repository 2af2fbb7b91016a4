using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Tributary.Hls.Ingest;

/// <summary>
/// Cuts fragmented MP4 (as written by <c>ffmpeg -f mp4 -movflags empty_moov+default_base_moof+frag_keyframe
/// -frag_duration ...</c>, BUILD-NOTES.md) into the init section and LL-HLS parts, reading each part's
/// duration and whether it starts with a sync sample from its <c>moof</c>. The <c>hlsForwarding</c>
/// packager and the test broadcaster both feed its output to <see cref="IBroadcastIngest"/>.
/// </summary>
public sealed class Fmp4Cutter
{
    private const uint NonSyncSample = 0x0001_0000;
    private readonly Dictionary<uint, TrackInfo> _tracks = [];
    private uint? _videoTrack;
    private bool _initDone;

    /// <summary>Reads boxes from <paramref name="stream"/> (a pipe or a file) and yields pieces as they complete.</summary>
    public async IAsyncEnumerable<Fmp4Piece> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var init = new MemoryStream();
        byte[]? moof = null;
        var header = new byte[16];
        while (true)
        {
            if (!await ReadExactlyOrEndAsync(stream, header.AsMemory(0, 8), cancellationToken))
            {
                yield break;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            var headerLength = 8;
            if (size == 1)
            {
                await stream.ReadExactlyAsync(header.AsMemory(8, 8), cancellationToken);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerLength = 16;
            }

            if (size < headerLength || size > 256L * 1024 * 1024)
            {
                throw new InvalidDataException($"box {type} has an impossible size {size}");
            }

            var box = new byte[size];
            header.AsSpan(0, headerLength).CopyTo(box);
            await stream.ReadExactlyAsync(box.AsMemory(headerLength), cancellationToken);
            switch (type)
            {
                case "moof" when !_initDone:
                    _initDone = true;
                    var initBytes = init.ToArray();
                    yield return new Fmp4Piece(true, initBytes, 0, false, ReadInit(initBytes));
                    moof = box;
                    break;
                case "moof":
                    moof = box;
                    break;
                case "mdat" when moof is not null:
                    var (duration, independent) = ReadMoof(moof);
                    var part = new byte[moof.Length + box.Length];
                    moof.CopyTo(part, 0);
                    box.CopyTo(part, moof.Length);
                    moof = null;
                    yield return new Fmp4Piece(false, part, duration, independent, null);
                    break;
                default:
                    if (!_initDone)
                    {
                        init.Write(box);
                    }

                    // After the init section, other top-level boxes (styp, sidx, mfra) carry nothing a
                    // playlist needs.
                    break;
            }
        }
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == buffer.Length;
    }

    private string ReadInit(byte[] init)
    {
        var codecs = new List<string>();
        foreach (var (type, body) in Boxes(init))
        {
            if (type != "moov")
            {
                continue;
            }

            foreach (var (childType, child) in Boxes(body))
            {
                if (childType == "trak")
                {
                    ReadTrak(child, codecs);
                }
                else if (childType == "mvex")
                {
                    foreach (var (t, trex) in Boxes(child))
                    {
                        if (t == "trex" && _tracks.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(trex[4..]), out var track))
                        {
                            track.DefaultDuration = BinaryPrimitives.ReadUInt32BigEndian(trex[12..]);
                            track.DefaultFlags = BinaryPrimitives.ReadUInt32BigEndian(trex[20..]);
                        }
                    }
                }
            }
        }

        return string.Join(',', codecs);
    }

    private void ReadTrak(ReadOnlySpan<byte> trak, List<string> codecs)
    {
        uint id = 0;
        uint timescale = 0;
        string? handler = null;
        string? codec = null;
        foreach (var (type, body) in Boxes(trak))
        {
            if (type == "tkhd")
            {
                id = BinaryPrimitives.ReadUInt32BigEndian(body[(body[0] == 1 ? 20 : 12)..]);
            }
            else if (type == "mdia")
            {
                foreach (var (t, b) in Boxes(body))
                {
                    if (t == "mdhd")
                    {
                        timescale = BinaryPrimitives.ReadUInt32BigEndian(b[(b[0] == 1 ? 20 : 12)..]);
                    }
                    else if (t == "hdlr")
                    {
                        handler = System.Text.Encoding.ASCII.GetString(b.Slice(8, 4));
                    }
                    else if (t == "minf")
                    {
                        codec = FindCodec(b);
                    }
                }
            }
        }

        _tracks[id] = new TrackInfo { Timescale = timescale == 0 ? 1 : timescale };
        if (handler == "vide")
        {
            _videoTrack ??= id;
        }

        if (codec is not null)
        {
            codecs.Add(codec);
        }
    }

    // minf/stbl/stsd: avc1 (with avcC) or mp4a.
    private static string? FindCodec(ReadOnlySpan<byte> minf)
    {
        foreach (var (t, stbl) in Boxes(minf))
        {
            if (t != "stbl")
            {
                continue;
            }

            foreach (var (s, stsd) in Boxes(stbl))
            {
                if (s != "stsd" || stsd.Length < 16)
                {
                    continue;
                }

                // Full box header (4) + entry count (4), then sample entries.
                foreach (var (entry, content) in Boxes(stsd[8..]))
                {
                    if (entry is "avc1" or "avc3" && content.Length > 78)
                    {
                        // VisualSampleEntry is 78 bytes before its child boxes.
                        foreach (var (c, avcC) in Boxes(content[78..]))
                        {
                            if (c == "avcC" && avcC.Length >= 4)
                            {
                                return string.Create(CultureInfo.InvariantCulture, $"{entry}.{avcC[1]:x2}{avcC[2]:x2}{avcC[3]:x2}");
                            }
                        }

                        return entry;
                    }

                    if (entry == "mp4a")
                    {
                        return "mp4a.40.2";
                    }
                }
            }
        }

        return null;
    }

    private (double Duration, bool Independent) ReadMoof(byte[] moof)
    {
        double? videoDuration = null;
        double firstDuration = 0;
        var independent = false;
        var first = true;
        foreach (var (type, traf) in Boxes(moof.AsSpan(8)))
        {
            if (type != "traf")
            {
                continue;
            }

            uint trackId = 0;
            uint? defaultDuration = null;
            uint? defaultFlags = null;
            ulong ticks = 0;
            uint? firstFlags = null;
            foreach (var (t, b) in Boxes(traf))
            {
                if (t == "tfhd")
                {
                    var flags = BinaryPrimitives.ReadUInt32BigEndian(b) & 0xFFFFFF;
                    trackId = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
                    var at = 8;
                    at += (flags & 0x1) != 0 ? 8 : 0;
                    at += (flags & 0x2) != 0 ? 4 : 0;
                    if ((flags & 0x8) != 0)
                    {
                        defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
                        at += 4;
                    }

                    at += (flags & 0x10) != 0 ? 4 : 0;
                    if ((flags & 0x20) != 0)
                    {
                        defaultFlags = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
                    }
                }
                else if (t == "trun")
                {
                    var track = _tracks.GetValueOrDefault(trackId) ?? new TrackInfo { Timescale = 1 };
                    var flags = BinaryPrimitives.ReadUInt32BigEndian(b) & 0xFFFFFF;
                    var count = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
                    var at = 8;
                    at += (flags & 0x1) != 0 ? 4 : 0;
                    uint? firstSampleFlags = null;
                    if ((flags & 0x4) != 0)
                    {
                        firstSampleFlags = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
                        at += 4;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        var duration = defaultDuration ?? track.DefaultDuration;
                        uint sampleFlags = defaultFlags ?? track.DefaultFlags;
                        if ((flags & 0x100) != 0)
                        {
                            duration = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
                            at += 4;
                        }

                        at += (flags & 0x200) != 0 ? 4 : 0;
                        if ((flags & 0x400) != 0)
                        {
                            sampleFlags = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
                            at += 4;
                        }

                        at += (flags & 0x800) != 0 ? 4 : 0;
                        if (i == 0 && firstFlags is null)
                        {
                            firstFlags = firstSampleFlags ?? sampleFlags;
                        }

                        ticks += duration;
                    }
                }
            }

            var seconds = (double)ticks / (_tracks.GetValueOrDefault(trackId)?.Timescale ?? 1);
            if (trackId == _videoTrack)
            {
                videoDuration = (videoDuration ?? 0) + seconds;
                independent = firstFlags is { } f && (f & NonSyncSample) == 0;
            }
            else if (first)
            {
                firstDuration = seconds;
                independent = _videoTrack is null;
            }

            first = false;
        }

        return (videoDuration ?? firstDuration, independent);
    }

    private static BoxEnumerator Boxes(ReadOnlySpan<byte> data) => new(data);

    private sealed class TrackInfo
    {
        public uint Timescale { get; init; }

        public uint DefaultDuration { get; set; }

        public uint DefaultFlags { get; set; }
    }

    private readonly ref struct Box(string type, ReadOnlySpan<byte> body)
    {
        private readonly ReadOnlySpan<byte> _body = body;

        public void Deconstruct(out string boxType, out ReadOnlySpan<byte> boxBody)
        {
            boxType = type;
            boxBody = _body;
        }
    }

    // Iterates the boxes in a span: (type, body after the header).
    private ref struct BoxEnumerator(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _next;

        public Box Current { get; private set; }

        public readonly BoxEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next + 8 > _data.Length)
            {
                return false;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(_data[_next..]);
            var headerLength = 8;
            if (size == 1 && _next + 16 <= _data.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(_data[(_next + 8)..]);
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = _data.Length - _next;
            }

            if (size < headerLength || _next + size > _data.Length)
            {
                return false;
            }

            var type = System.Text.Encoding.ASCII.GetString(_data.Slice(_next + 4, 4));
            Current = new Box(type, _data.Slice(_next + headerLength, (int)size - headerLength));
            _next += (int)size;
            return true;
        }
    }
}
