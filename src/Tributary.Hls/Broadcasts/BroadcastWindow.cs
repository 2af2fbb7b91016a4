using System.Globalization;
using Tributary.Hls.Signals;

namespace Tributary.Hls.Broadcasts;

// The state of one broadcast: the master playlist's tracks and each track's bounded window of recent
// media. Not thread-safe: BroadcastGrain is its only user and runs one turn at a time. Every Apply
// validates completely before it mutates, so a rejected upload changes nothing.
internal sealed class BroadcastWindow(HlsOptions options)
{
    private static readonly string[] KnownExtensions = [".mp4", ".m4s", ".m4a", ".m4v", ".cmfv", ".cmfa", ".cmft"];

    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);
    private readonly Queue<string> _messageOrder = new();

    public string? PlaylistId { get; private set; }

    public int MasterVersion { get; private set; }

    public List<MediaTrack> Tracks { get; } = [];

    public long Bytes { get; private set; }

    public bool Ended { get; private set; }

    // Bumped on every change; composed playlists are cached per version.
    public long Version { get; private set; }

    public MediaTrack? Find(string trackId)
    {
        foreach (var t in Tracks)
        {
            if (string.Equals(t.Id, trackId, StringComparison.Ordinal))
            {
                return t;
            }
        }

        return null;
    }

    public static string NameOf(string id, MediaKind kind)
    {
        foreach (var ext in KnownExtensions)
        {
            if (id.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        return id + (kind == MediaKind.InitSection ? ".mp4" : ".m4s");
    }

    // The server's own name of a part by position, always servable and used by EXT-X-PRELOAD-HINT
    // because the publisher's name of a part is unknown until it is uploaded.
    public static string PositionalName(long msn, int part) => string.Create(CultureInfo.InvariantCulture, $"part-{msn}-{part}.m4s");

    public UploadOutcome Apply(DataSignal s)
    {
        if (_messages.TryGetValue(s.MessageId, out var fingerprint))
        {
            return string.Equals(fingerprint, s.Fingerprint, StringComparison.Ordinal)
                ? UploadOutcome.Ok
                : UploadOutcome.Conflict($"message id {s.MessageId} was already used for different content");
        }

        var outcome = s.Action switch
        {
            DataSignalAction.UpdateVariant or DataSignalAction.UpdateRendition => ApplyTrack(s),
            DataSignalAction.UpdateSegment => ApplySegment(s),
            _ => ApplyPart(s),
        };
        if (outcome.IsOk)
        {
            Remember(s);
            Evict();
            Version++;
        }

        return outcome;
    }

    public void End()
    {
        if (Ended)
        {
            return;
        }

        foreach (var t in Tracks)
        {
            if (t.Open is { } open)
            {
                Close(t, open, open.PartsDuration, null, null);
            }
        }

        Ended = true;
        Version++;
    }

    public MediaPiece? FindPiece(MediaTrack track, string name) => track.Pieces.GetValueOrDefault(name);

    // Whether a blocking reload for (msn, part) can be answered now (RFC 8216bis 6.2.5.2).
    public Readiness Check(MediaTrack track, long msn, int? part)
    {
        if (Ended)
        {
            return Readiness.Ready;
        }

        if (track.Segments.Count == 0)
        {
            return Readiness.Wait;
        }

        var last = track.Segments[^1];
        if (msn > last.Msn + 2)
        {
            return Readiness.TooFarAhead;
        }

        if (part is not { } p)
        {
            return track.LastComplete is { } complete && complete.Msn >= msn ? Readiness.Ready : Readiness.Wait;
        }

        // The Advance Part Limit: 3 parts, or 3 seconds' worth when parts are shorter than a second.
        var limit = track.PartTarget < 1 ? (int)Math.Ceiling(3 / track.PartTarget) : 3;
        if (track.Open is { } open && msn == open.Msn && p > open.Parts.Count - 1 + limit)
        {
            return Readiness.TooFarAhead;
        }

        for (var i = track.Segments.Count - 1; i >= 0; i--)
        {
            var seg = track.Segments[i];
            if (seg.Msn > msn && (seg.Complete || seg.Parts.Count > 0))
            {
                return Readiness.Ready;
            }

            if (seg.Msn == msn)
            {
                return p < seg.Parts.Count || (seg.Complete && seg.Parts.Count == 0) ? Readiness.Ready : Readiness.Wait;
            }

            if (seg.Msn < msn)
            {
                break;
            }
        }

        return Readiness.Wait;
    }

    private UploadOutcome ApplyTrack(DataSignal s)
    {
        var isRendition = s.Action == DataSignalAction.UpdateRendition;
        var id = s.TrackId;
        var track = Find(id);
        if (track is not null && track.IsRendition != isRendition)
        {
            return UploadOutcome.Conflict(isRendition ? $"{id} is a variant, not a rendition" : $"{id} is a rendition, not a variant");
        }

        if (track is not null && s.Segment?.Map is { } map && MapConflict(track, map) is { } conflict)
        {
            return conflict;
        }

        if (PlaylistId is null)
        {
            PlaylistId = s.PlaylistId;
        }

        if (!isRendition || MasterVersion == 0)
        {
            MasterVersion = s.PlaylistVersion;
        }

        if (track is null)
        {
            track = new MediaTrack(id, isRendition);
            Tracks.Add(track);
        }

        track.Variant = s.Variant ?? track.Variant;
        track.Rendition = s.Rendition ?? track.Rendition;
        SetMap(track, s.Segment!.Map!);
        return UploadOutcome.Ok;
    }

    private UploadOutcome ApplySegment(DataSignal s)
    {
        var (track, error) = Target(s);
        if (track is null)
        {
            return error!;
        }

        var info = s.Segment!;
        var name = NameOf(info.Id!, MediaKind.Segment);
        if (info.Map is { } map && MapConflict(track, map) is { } conflict)
        {
            return conflict;
        }

        var open = track.Open;
        var last = track.Segments.Count > 0 ? track.Segments[^1] : null;
        if (open is not null && info.Sequence == open.Msn)
        {
            if (NameTaken(track, name, info.Id!))
            {
                return UploadOutcome.Conflict($"segment name {name} is already used");
            }

            if (info.Map is not null)
            {
                SetMap(track, info.Map);
            }

            Close(track, open, info.Duration, info.Data, info.Id);
            open.Discontinuity |= info.Discontinuity;
            open.ProgramDateTime ??= info.ProgramDateTime;
            return UploadOutcome.Ok;
        }

        if (last is not null && info.Sequence <= last.Msn)
        {
            return UploadOutcome.Conflict(string.Create(CultureInfo.InvariantCulture, $"segment sequence {info.Sequence} goes backwards: segment {last.Msn} is {(last.Complete ? "complete" : "open")}"));
        }

        if (info.Data is null)
        {
            return UploadOutcome.BadRequest(string.Create(CultureInfo.InvariantCulture, $"payload.segment.data is required: no parts of segment {info.Sequence} were uploaded"));
        }

        if (NameTaken(track, name, info.Id!))
        {
            return UploadOutcome.Conflict($"segment name {name} is already used");
        }

        if (info.Map is not null)
        {
            SetMap(track, info.Map);
        }

        var segment = StartSegment(track, info);
        Close(track, segment, info.Duration, info.Data, info.Id);
        return UploadOutcome.Ok;
    }

    private UploadOutcome ApplyPart(DataSignal s)
    {
        var (track, error) = Target(s);
        if (track is null)
        {
            return error!;
        }

        var info = s.Segment!;
        var part = s.Part!;
        var name = NameOf(part.Id, MediaKind.Segment);
        if (info.Map is { } map && MapConflict(track, map) is { } conflict)
        {
            return conflict;
        }

        var open = track.Open;
        var last = track.Segments.Count > 0 ? track.Segments[^1] : null;
        MediaSegment? target = null;
        if (open is not null && info.Sequence == open.Msn)
        {
            if (part.Sequence != open.Parts.Count)
            {
                return UploadOutcome.Conflict(part.Sequence < open.Parts.Count
                    ? string.Create(CultureInfo.InvariantCulture, $"part sequence {part.Sequence} of segment {info.Sequence} goes backwards: the next part is {open.Parts.Count}")
                    : string.Create(CultureInfo.InvariantCulture, $"part sequence {part.Sequence} of segment {info.Sequence} skips ahead: the next part is {open.Parts.Count}"));
            }

            target = open;
        }
        else if (last is not null && info.Sequence <= last.Msn)
        {
            return UploadOutcome.Conflict(string.Create(CultureInfo.InvariantCulture, $"segment sequence {info.Sequence} goes backwards: segment {last.Msn} is {(last.Complete ? "complete" : "open")}"));
        }
        else if (part.Sequence != 0)
        {
            return UploadOutcome.Conflict(string.Create(CultureInfo.InvariantCulture, $"part sequence {part.Sequence} skips ahead: segment {info.Sequence} is new, its first part is 0"));
        }

        if (NameTaken(track, name, part.Id))
        {
            return UploadOutcome.Conflict($"part name {name} is already used");
        }

        if (info.Map is not null)
        {
            SetMap(track, info.Map);
        }

        target ??= StartSegment(track, info);
        var piece = new MediaPiece(name, MediaKind.Segment, [part.Data]);
        AddPiece(track, piece, part.Id);
        var positional = PositionalName(target.Msn, part.Sequence);
        track.Pieces.TryAdd(positional, piece);
        target.Parts.Add(new MediaPart(part.Sequence, part.Duration, part.Independent, part.Gap, piece));
        Bytes += part.Data.Length;
        return UploadOutcome.Ok;
    }

    private (MediaTrack? Track, UploadOutcome? Error) Target(DataSignal s)
    {
        if (PlaylistId is null)
        {
            return (null, UploadOutcome.NotFound($"unknown playlist {s.PlaylistId}: send updateVariant first"));
        }

        var isRendition = s.Rendition is not null;
        var track = Find(s.TrackId);
        return track is null || track.IsRendition != isRendition
            ? (null, UploadOutcome.NotFound(isRendition ? $"unknown rendition {s.TrackId}" : $"unknown variant {s.TrackId}"))
            : (track, null);
    }

    // Opens segment info.Sequence after the last one, first closing an open segment whose
    // updateSegment never came and filling skipped sequence numbers with GAP segments.
    private MediaSegment StartSegment(MediaTrack track, SegmentInfo info)
    {
        if (track.Open is { } open)
        {
            Close(track, open, open.PartsDuration, null, null);
        }

        var discontinuity = info.Discontinuity;
        if (track.Segments.Count > 0)
        {
            var lastMsn = track.Segments[^1].Msn;
            if (info.Sequence - lastMsn - 1 > options.MaxSegments)
            {
                // Too far to bridge with gaps: a new timeline.
                while (track.Segments.Count > 0)
                {
                    EvictOldest(track);
                }

                discontinuity = true;
            }
            else
            {
                for (var msn = lastMsn + 1; msn < info.Sequence; msn++)
                {
                    track.Segments.Add(new MediaSegment(msn, track.CurrentMap!)
                    {
                        Complete = true,
                        Gap = true,
                        Duration = track.TargetDuration,
                        Name = string.Create(CultureInfo.InvariantCulture, $"gap-{msn}.m4s"),
                    });
                }
            }
        }

        var segment = new MediaSegment(info.Sequence, track.CurrentMap!)
        {
            Discontinuity = discontinuity,
            ProgramDateTime = info.ProgramDateTime,
        };
        track.Segments.Add(segment);
        return segment;
    }

    private void Close(MediaTrack track, MediaSegment segment, double duration, byte[]? data, string? id)
    {
        segment.Complete = true;
        segment.Duration = duration;
        var name = id is null ? string.Create(CultureInfo.InvariantCulture, $"segment-{segment.Msn}.m4s") : NameOf(id, MediaKind.Segment);
        segment.Name = name;
        if (data is not null)
        {
            segment.Body = new MediaPiece(name, MediaKind.Segment, [data]);
            segment.BodyOwned = true;
            Bytes += data.Length;
        }
        else
        {
            // Served as its parts back to back: no copy, no extra bytes.
            var chunks = new List<byte[]>(segment.Parts.Count);
            foreach (var p in segment.Parts)
            {
                chunks.AddRange(p.Piece.Chunks);
            }

            segment.Body = new MediaPiece(name, MediaKind.Segment, chunks);
        }

        AddPiece(track, segment.Body, id ?? name);
    }

    private static UploadOutcome? MapConflict(MediaTrack track, MapInfo map)
    {
        var name = NameOf(map.Id, MediaKind.InitSection);
        return track.Pieces.TryGetValue(name, out var existing) && (existing.Kind != MediaKind.InitSection || !existing.Chunks[0].AsSpan().SequenceEqual(map.Data.AsSpan()))
            ? UploadOutcome.Conflict($"init section {name} already exists with different content")
            : null;
    }

    private void SetMap(MediaTrack track, MapInfo map)
    {
        var name = NameOf(map.Id, MediaKind.InitSection);
        if (track.Pieces.TryGetValue(name, out var existing))
        {
            track.CurrentMap = existing;
            return;
        }

        var piece = new MediaPiece(name, MediaKind.InitSection, [map.Data]);
        AddPiece(track, piece, map.Id);
        Bytes += map.Data.Length;
        var previous = track.CurrentMap;
        track.CurrentMap = piece;
        if (previous is not null && !MapInUse(track, previous))
        {
            RemovePiece(track, previous);
            Bytes -= previous.Length;
        }
    }

    private static bool NameTaken(MediaTrack track, string name, string id) =>
        track.Pieces.ContainsKey(name) || track.Pieces.ContainsKey(id);

    private static void AddPiece(MediaTrack track, MediaPiece piece, string id)
    {
        track.Pieces[piece.Name] = piece;
        track.Pieces.TryAdd(id, piece);
    }

    private static void RemovePiece(MediaTrack track, MediaPiece piece)
    {
        // A piece is listed under its name, its raw id and, for parts, its positional name.
        List<string>? keys = null;
        foreach (var (key, value) in track.Pieces)
        {
            if (ReferenceEquals(value, piece))
            {
                (keys ??= []).Add(key);
            }
        }

        foreach (var key in keys ?? [])
        {
            track.Pieces.Remove(key);
        }
    }

    private static bool MapInUse(MediaTrack track, MediaPiece map)
    {
        if (ReferenceEquals(track.CurrentMap, map))
        {
            return true;
        }

        foreach (var s in track.Segments)
        {
            if (ReferenceEquals(s.Map, map))
            {
                return true;
            }
        }

        return false;
    }

    private void Remember(DataSignal s)
    {
        _messages[s.MessageId] = s.Fingerprint;
        _messageOrder.Enqueue(s.MessageId);
        while (_messageOrder.Count > options.RememberedMessageIds)
        {
            _messages.Remove(_messageOrder.Dequeue());
        }
    }

    private void Evict()
    {
        foreach (var t in Tracks)
        {
            while (t.CompleteCount > options.MaxSegments)
            {
                EvictOldest(t);
            }
        }

        while (Bytes > options.MaxBroadcastBytes)
        {
            // The track with the longest window gives up its oldest segment; the newest complete
            // segment and the open one always stay, so players keep something to play.
            MediaTrack? longest = null;
            foreach (var t in Tracks)
            {
                if (t.CompleteCount > 1 && (longest is null || t.CompleteCount > longest.CompleteCount))
                {
                    longest = t;
                }
            }

            if (longest is null)
            {
                break;
            }

            EvictOldest(longest);
        }
    }

    private void EvictOldest(MediaTrack track)
    {
        var segment = track.Segments[0];
        track.Segments.RemoveAt(0);
        if (segment.Discontinuity)
        {
            track.DiscontinuitySequence++;
        }

        foreach (var p in segment.Parts)
        {
            RemovePiece(track, p.Piece);
            Bytes -= p.Piece.Length;
        }

        if (segment.Body is { } body)
        {
            RemovePiece(track, body);
            if (segment.BodyOwned)
            {
                Bytes -= body.Length;
            }
        }

        if (!MapInUse(track, segment.Map))
        {
            RemovePiece(track, segment.Map);
            Bytes -= segment.Map.Length;
        }
    }
}
