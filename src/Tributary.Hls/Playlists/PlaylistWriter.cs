using System.Buffers;
using System.Globalization;
using System.Text;
using Tributary.Hls.Broadcasts;

namespace Tributary.Hls.Playlists;

// Composes master and media playlists (draft-pantos-hls-rfc8216bis, Apple LL-HLS) straight into
// UTF-8 in a pooled buffer. A broadcast composes each playlist once per change and serves the same
// bytes to every viewer, so this runs per upload, not per request.
internal static class PlaylistWriter
{
    // RFC 8216bis 4.4.3.8: CAN-SKIP-UNTIL is at least six target durations.
    private const int SkipTargetDurations = 6;

    // RFC 8216bis 4.4.3.8: PART-HOLD-BACK is at least three part target durations.
    private const int PartHoldBackParts = 3;

    // RFC 8216bis 4.4.4.9: parts stay listed until they are more than three target durations old.
    private const int PartListingTargetDurations = 3;

    public static byte[] Master(BroadcastWindow window)
    {
        using var buffer = new PooledBufferWriter();
        var w = new Utf8Lines(buffer);
        w.Line("#EXTM3U");
        w.Text("#EXT-X-VERSION:").Int(Math.Max(window.MasterVersion, 3)).End();
        w.Line("#EXT-X-INDEPENDENT-SEGMENTS");
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in window.Tracks)
        {
            if (t.Rendition is not { } r)
            {
                continue;
            }

            groups.Add(r.GroupId!);
            w.Text("#EXT-X-MEDIA:TYPE=").Text(r.Type!).Text(",GROUP-ID=\"").Text(r.GroupId!).Text("\",NAME=\"").Text(r.Name!).Text("\"");
            if (r.Language is { } language)
            {
                w.Text(",LANGUAGE=\"").Text(language).Text("\"");
            }

            w.Text(",DEFAULT=").Text(r.IsDefault ? "YES" : "NO").Text(",AUTOSELECT=").Text(r.AutoSelect || r.IsDefault ? "YES" : "NO");
            w.Text(",URI=\"").Uri(t.Id).Text("/playlist.m3u8\"").End();
        }

        foreach (var t in window.Tracks)
        {
            if (t.Variant is not { } v)
            {
                continue;
            }

            w.Text("#EXT-X-STREAM-INF:BANDWIDTH=").Long(v.Bandwidth).Text(",CODECS=\"").Text(v.Codecs!).Text("\"");
            // A group that was never uploaded would make players fail the whole variant.
            if (v.Audio is { } audio && groups.Contains(audio))
            {
                w.Text(",AUDIO=\"").Text(audio).Text("\"");
            }

            w.End();
            w.Uri(t.Id).Text("/playlist.m3u8").End();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Media(BroadcastWindow window, MediaTrack track, bool skip)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        var w = new Utf8Lines(buffer);
        var segments = track.Segments;
        var targetDuration = TargetDuration(track);
        var partTarget = PartTarget(track);
        var skipUntil = SkipTargetDurations * targetDuration;

        // Durations from each segment's end to the playlist's end decide which parts are listed and
        // which segments a delta update may skip.
        var after = new double[segments.Count];
        var total = 0.0;
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            after[i] = total;
            total += segments[i].Complete ? segments[i].Duration : segments[i].PartsDuration;
        }

        var skipped = 0;
        if (skip)
        {
            while (skipped < segments.Count && segments[skipped].Complete && after[skipped] >= skipUntil)
            {
                skipped++;
            }
        }

        w.Line("#EXTM3U");
        w.Text("#EXT-X-VERSION:").Int(Math.Max(track.Version, skip ? 9 : 6)).End();
        w.Text("#EXT-X-TARGETDURATION:").Int(targetDuration).End();
        w.Text("#EXT-X-PART-INF:PART-TARGET=").Number(partTarget).End();
        w.Text("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=").Number(skipUntil)
            .Text(",PART-HOLD-BACK=").Number(PartHoldBackParts * partTarget).End();
        w.Text("#EXT-X-MEDIA-SEQUENCE:").Long(segments.Count > 0 ? segments[0].Msn : 0).End();
        if (track.DiscontinuitySequence > 0)
        {
            w.Text("#EXT-X-DISCONTINUITY-SEQUENCE:").Long(track.DiscontinuitySequence).End();
        }

        if (skipped > 0)
        {
            w.Text("#EXT-X-SKIP:SKIPPED-SEGMENTS=").Int(skipped).End();
        }

        MediaPiece? map = null;
        var partWindow = PartListingTargetDurations * targetDuration;
        for (var i = skipped; i < segments.Count; i++)
        {
            var s = segments[i];
            if (!ReferenceEquals(map, s.Map))
            {
                map = s.Map;
                w.Text("#EXT-X-MAP:URI=\"").Uri(map.Name).Text("\"").End();
            }

            if (s.Discontinuity)
            {
                w.Line("#EXT-X-DISCONTINUITY");
            }

            if (s.ProgramDateTime is { } pdt)
            {
                w.Text("#EXT-X-PROGRAM-DATE-TIME:").Text(DateTimeOffset.FromUnixTimeMilliseconds(pdt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).End();
            }

            if (after[i] < partWindow)
            {
                foreach (var p in s.Parts)
                {
                    w.Text("#EXT-X-PART:DURATION=").Number(p.Duration).Text(",URI=\"").Uri(p.Piece.Name).Text("\"");
                    if (p.Independent)
                    {
                        w.Text(",INDEPENDENT=YES");
                    }

                    if (p.Gap)
                    {
                        w.Text(",GAP=YES");
                    }

                    w.End();
                }
            }

            if (s.Complete)
            {
                if (s.Gap)
                {
                    w.Line("#EXT-X-GAP");
                }

                w.Text("#EXTINF:").Number(s.Duration).Text(",").End();
                w.Uri(s.Name!).End();
            }
        }

        if (window.Ended)
        {
            w.Line("#EXT-X-ENDLIST");
        }
        else
        {
            if (track.NextPart is { } next)
            {
                w.Text("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"").Uri(BroadcastWindow.PositionalName(next.Msn, next.Part)).Text("\"").End();
            }

            // RFC 8216bis 4.4.5.4: the other variants' and renditions' newest segment and part, so a player
            // switching to one can issue its first blocking reload without a plain reload first.
            foreach (var other in window.Tracks)
            {
                if (ReferenceEquals(other, track) || LastPosition(other) is not { } last)
                {
                    continue;
                }

                w.Text("#EXT-X-RENDITION-REPORT:URI=\"../").Uri(other.Id).Text("/playlist.m3u8\",LAST-MSN=").Long(last.Msn);
                if (last.Part is { } part)
                {
                    w.Text(",LAST-PART=").Int(part);
                }

                w.End();
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    // RFC 8216bis 4.4.5.4: LAST-MSN is the newest segment holding anything (the open one once it has a
    // part), LAST-PART that segment's last part index, absent when it has no parts.
    private static (long Msn, int? Part)? LastPosition(MediaTrack track)
    {
        if (track.Open is { Parts.Count: > 0 } open)
        {
            return (open.Msn, open.Parts.Count - 1);
        }

        return track.LastComplete is { } last ? (last.Msn, last.Parts.Count > 0 ? last.Parts.Count - 1 : null) : null;
    }

    // RFC 8216bis 4.4.3.1: the target duration is an integer no EXTINF exceeds once rounded.
    public static int TargetDuration(MediaTrack track)
    {
        var target = (int)Math.Ceiling(track.TargetDuration - 0.0005);
        foreach (var s in track.Segments)
        {
            if (s.Complete)
            {
                target = Math.Max(target, (int)Math.Round(s.Duration, MidpointRounding.AwayFromZero));
            }
        }

        return Math.Max(target, 1);
    }

    // A part longer than the declared part target would break players' hold-back arithmetic, so the
    // longest part in the window raises it.
    public static double PartTarget(MediaTrack track)
    {
        var target = track.PartTarget;
        foreach (var s in track.Segments)
        {
            foreach (var p in s.Parts)
            {
                target = Math.Max(target, p.Duration);
            }
        }

        return target;
    }

    private readonly ref struct Utf8Lines(IBufferWriter<byte> output)
    {
        public Utf8Lines Text(string text)
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            var n = Encoding.UTF8.GetBytes(text, span);
            output.Advance(n);
            return this;
        }

        public Utf8Lines Uri(string name)
        {
            // Names are validated to hold no quotes or control characters; the rest is escaped so that
            // names with spaces, '?' or '#' still resolve.
            foreach (var c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '~'))
                {
                    return Text(System.Uri.EscapeDataString(name));
                }
            }

            return Text(name);
        }

        public Utf8Lines Int(int value)
        {
            var span = output.GetSpan(16);
            value.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
            output.Advance(n);
            return this;
        }

        public Utf8Lines Long(long value)
        {
            var span = output.GetSpan(24);
            value.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
            output.Advance(n);
            return this;
        }

        public Utf8Lines Number(double value)
        {
            var span = output.GetSpan(32);
            value.TryFormat(span, out var n, "0.0#####", CultureInfo.InvariantCulture);
            output.Advance(n);
            return this;
        }

        public void End()
        {
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }

        public void Line(string text) => Text(text).End();
    }
}
