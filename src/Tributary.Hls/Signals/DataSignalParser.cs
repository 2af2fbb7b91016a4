using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Tributary.Hls.Signals;

/// <summary>
/// Turns a <c>POST /data</c> body into a <see cref="DataSignal"/>, or the documented 400/413 error.
/// </summary>
public static class DataSignalParser
{
    /// <summary>The protocol version this server speaks.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>Parses and validates one body.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="maxPayloadBytes">Most decoded media bytes accepted (413 above).</param>
    /// <returns>The signal and the client's send time (ms since epoch), or the error.</returns>
    public static (DataSignal? Signal, long Timestamp, UploadOutcome? Error) Parse(ReadOnlySpan<byte> body, int maxPayloadBytes)
    {
        DataSignalDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(body, DataSignalJsonContext.Default.DataSignalDocument);
        }
        catch (JsonException e)
        {
            return Fail(UploadOutcome.BadRequest(e.Path is { Length: > 0 } path ? $"malformed JSON at {path}" : "malformed JSON"));
        }

        if (doc is null)
        {
            return Fail(UploadOutcome.BadRequest("malformed JSON: the body must be an object"));
        }

        if (doc.Version is not ProtocolVersion)
        {
            return Fail(UploadOutcome.BadRequest($"version must be {ProtocolVersion}"));
        }

        if (string.IsNullOrWhiteSpace(doc.Id))
        {
            return Fail(UploadOutcome.BadRequest("id is required"));
        }

        if (doc.Timestamp is not { } timestamp)
        {
            return Fail(UploadOutcome.BadRequest("timestamp is required"));
        }

        if (doc.Numbytes is { } numbytes && (numbytes < 0 || numbytes > maxPayloadBytes))
        {
            return Fail(numbytes < 0 ? UploadOutcome.BadRequest("numbytes must not be negative") : TooLarge(maxPayloadBytes));
        }

        DataSignalAction action;
        switch (doc.Action)
        {
            case "updateVariant": action = DataSignalAction.UpdateVariant; break;
            case "updateRendition": action = DataSignalAction.UpdateRendition; break;
            case "updateSegment": action = DataSignalAction.UpdateSegment; break;
            case "updatePart": action = DataSignalAction.UpdatePart; break;
            default: return Fail(UploadOutcome.BadRequest("action must be updateVariant, updateRendition, updateSegment or updatePart"));
        }

        var payload = doc.Payload;
        if (payload?.Playlist is not { Id: { Length: > 0 } playlistId } playlist)
        {
            return Fail(UploadOutcome.BadRequest("payload.playlist.id is required"));
        }

        if (!IsName(playlistId))
        {
            return Fail(UploadOutcome.BadRequest("payload.playlist.id must not contain '/', '\\' or control characters"));
        }

        var budget = new Budget(maxPayloadBytes);
        VariantInfo? variant;
        RenditionInfo? rendition;
        SegmentInfo? segment;
        PartInfo? part;
        UploadOutcome? error;
        switch (action)
        {
            case DataSignalAction.UpdateVariant:
                error = ParseVariantUpdate(payload, budget, out variant, out rendition, out segment, out part);
                break;
            case DataSignalAction.UpdateRendition:
                error = ParseRenditionUpdate(payload, budget, out variant, out rendition, out segment, out part);
                break;
            case DataSignalAction.UpdateSegment:
                error = ParseSegmentUpdate(payload, budget, out variant, out rendition, out segment, out part);
                break;
            default:
                error = ParsePartUpdate(payload, budget, out variant, out rendition, out segment, out part);
                break;
        }

        if (error is not null)
        {
            return Fail(error);
        }

        var signal = new DataSignal(action, doc.Id, playlistId, playlist.Version ?? 9, variant, rendition, segment, part, string.Empty);
        return (signal with { Fingerprint = FingerprintOf(signal) }, timestamp, null);
    }

    private static (DataSignal?, long, UploadOutcome?) Fail(UploadOutcome error) => (null, 0, error);

    private static UploadOutcome TooLarge(int max) => UploadOutcome.TooLarge($"payload over the limit of {max} bytes");

    private static UploadOutcome? ParseVariantUpdate(PayloadDocument p, Budget budget, out VariantInfo? variant, out RenditionInfo? rendition, out SegmentInfo? segment, out PartInfo? part)
    {
        rendition = null; segment = null; part = null; variant = null;
        if (p.Variant is not { } v || !IsId(v.Id))
        {
            return UploadOutcome.BadRequest("payload.variant.id is required");
        }

        if (v.Bandwidth is not > 0)
        {
            return UploadOutcome.BadRequest("payload.variant.bandwidth must be positive");
        }

        if (string.IsNullOrWhiteSpace(v.Codecs))
        {
            return UploadOutcome.BadRequest("payload.variant.codecs is required");
        }

        if (!IsAttribute(v.Codecs) || (v.Audio is not null && !IsAttribute(v.Audio)))
        {
            return UploadOutcome.BadRequest("payload.variant.codecs and audio must not contain quotes or control characters");
        }

        if (Durations(v.TargetDuration, v.TargetPartDuration, "payload.variant") is { } bad)
        {
            return bad;
        }

        if (p.Segment?.Map is null)
        {
            return UploadOutcome.BadRequest("payload.segment.map (the init section) is required");
        }

        var mapError = ParseMap(p.Segment.Map, budget, out var map);
        if (mapError is not null)
        {
            return mapError;
        }

        variant = new VariantInfo(v.Id!, v.Codecs, v.Bandwidth.Value, NullIfEmpty(v.Audio), v.Version ?? 9, v.TargetDuration!.Value, v.TargetPartDuration!.Value);
        segment = new SegmentInfo(null, 0, 0, false, null, map, null);
        return null;
    }

    private static UploadOutcome? ParseRenditionUpdate(PayloadDocument p, Budget budget, out VariantInfo? variant, out RenditionInfo? rendition, out SegmentInfo? segment, out PartInfo? part)
    {
        variant = null; segment = null; part = null; rendition = null;
        if (p.Rendition is not { } r || !IsId(r.Id))
        {
            return UploadOutcome.BadRequest("payload.rendition.id is required");
        }

        if (r.Type?.ToUpperInvariant() is not ("AUDIO" or "VIDEO" or "SUBTITLES"))
        {
            return UploadOutcome.BadRequest("payload.rendition.type must be AUDIO, VIDEO or SUBTITLES");
        }

        if (string.IsNullOrWhiteSpace(r.GroupId) || string.IsNullOrWhiteSpace(r.Name))
        {
            return UploadOutcome.BadRequest("payload.rendition.groupId and name are required");
        }

        if (!IsAttribute(r.GroupId) || !IsAttribute(r.Name) || (r.Language is not null && !IsAttribute(r.Language)))
        {
            return UploadOutcome.BadRequest("payload.rendition.groupId, name and language must not contain quotes or control characters");
        }

        if (Durations(r.TargetDuration, r.TargetPartDuration, "payload.rendition") is { } bad)
        {
            return bad;
        }

        if (p.Segment?.Map is null)
        {
            return UploadOutcome.BadRequest("payload.segment.map (the init section) is required");
        }

        var mapError = ParseMap(p.Segment.Map, budget, out var map);
        if (mapError is not null)
        {
            return mapError;
        }

        rendition = new RenditionInfo(r.Id!, r.Type.ToUpperInvariant(), r.GroupId, r.Name, NullIfEmpty(r.Language), r.IsDefault ?? false, r.AutoSelect ?? false, r.TargetDuration!.Value, r.TargetPartDuration!.Value);
        segment = new SegmentInfo(null, 0, 0, false, null, map, null);
        return null;
    }

    private static UploadOutcome? ParseSegmentUpdate(PayloadDocument p, Budget budget, out VariantInfo? variant, out RenditionInfo? rendition, out SegmentInfo? segment, out PartInfo? part)
    {
        part = null; segment = null;
        var targetError = Target(p, out variant, out rendition);
        if (targetError is not null)
        {
            return targetError;
        }

        if (p.Segment is not { } s)
        {
            return UploadOutcome.BadRequest("payload.segment is required");
        }

        return ParseSegment(s, budget, requireDuration: true, out segment);
    }

    private static UploadOutcome? ParsePartUpdate(PayloadDocument p, Budget budget, out VariantInfo? variant, out RenditionInfo? rendition, out SegmentInfo? segment, out PartInfo? part)
    {
        part = null; segment = null;
        var targetError = Target(p, out variant, out rendition);
        if (targetError is not null)
        {
            return targetError;
        }

        if (p.Segment is not { } s)
        {
            return UploadOutcome.BadRequest("payload.segment is required");
        }

        if (p.Part is not { } pt || !IsId(pt.Id))
        {
            return UploadOutcome.BadRequest("payload.part.id is required");
        }

        if (pt.Sequence is not >= 0)
        {
            return UploadOutcome.BadRequest("payload.part.sequence must be 0 or more");
        }

        if (pt.Duration is not (> 0 and < 60))
        {
            return UploadOutcome.BadRequest("payload.part.duration must be between 0 and 60 seconds");
        }

        if (s.Data is not null)
        {
            return UploadOutcome.BadRequest("payload.segment.data is not allowed in updatePart");
        }

        var segmentError = ParseSegment(s, budget, requireDuration: false, out segment);
        if (segmentError is not null)
        {
            return segmentError;
        }

        var dataError = Decode(pt.Data, "payload.part.data", budget, out var data);
        if (dataError is not null)
        {
            return dataError;
        }

        if (data is null)
        {
            return UploadOutcome.BadRequest("payload.part.data is required");
        }

        part = new PartInfo(pt.Id!, pt.Sequence.Value, pt.Duration.Value, pt.Independent ?? false, pt.Gap ?? false, data);
        return null;
    }

    private static UploadOutcome? ParseSegment(SegmentDocument s, Budget budget, bool requireDuration, out SegmentInfo? segment)
    {
        segment = null;
        if (s.Sequence is not >= 0)
        {
            return UploadOutcome.BadRequest("payload.segment.sequence must be 0 or more");
        }

        if (requireDuration)
        {
            if (!IsId(s.Id))
            {
                return UploadOutcome.BadRequest("payload.segment.id is required");
            }

            if (s.Duration is not (> 0 and < 600))
            {
                return UploadOutcome.BadRequest("payload.segment.duration must be between 0 and 600 seconds");
            }
        }

        MapInfo? map = null;
        if (s.Map is not null)
        {
            var mapError = ParseMap(s.Map, budget, out map);
            if (mapError is not null)
            {
                return mapError;
            }
        }

        var dataError = Decode(s.Data, "payload.segment.data", budget, out var data);
        if (dataError is not null)
        {
            return dataError;
        }

        segment = new SegmentInfo(NullIfEmpty(s.Id), s.Sequence.Value, s.Duration ?? 0, s.Discontinuity ?? false, s.ProgramDateTime, map, data);
        return null;
    }

    private static UploadOutcome? ParseMap(MapDocument m, Budget budget, out MapInfo? map)
    {
        map = null;
        if (!IsId(m.Id))
        {
            return UploadOutcome.BadRequest("payload.segment.map.id is required");
        }

        var error = Decode(m.Data, "payload.segment.map.data", budget, out var data);
        if (error is not null)
        {
            return error;
        }

        if (data is null)
        {
            return UploadOutcome.BadRequest("payload.segment.map.data is required");
        }

        map = new MapInfo(m.Id!, data);
        return null;
    }

    private static UploadOutcome? Target(PayloadDocument p, out VariantInfo? variant, out RenditionInfo? rendition)
    {
        variant = null; rendition = null;
        var hasVariant = p.Variant is not null;
        var hasRendition = p.Rendition is not null;
        if (hasVariant == hasRendition)
        {
            return UploadOutcome.BadRequest("exactly one of payload.variant and payload.rendition is required");
        }

        var id = hasVariant ? p.Variant!.Id : p.Rendition!.Id;
        if (!IsId(id))
        {
            return UploadOutcome.BadRequest(hasVariant ? "payload.variant.id is required" : "payload.rendition.id is required");
        }

        if (hasVariant)
        {
            variant = new VariantInfo(id!, null, 0, null, 0, 0, 0);
        }
        else
        {
            rendition = new RenditionInfo(id!, null, null, null, null, false, false, 0, 0);
        }

        return null;
    }

    private static UploadOutcome? Durations(double? target, double? part, string where) =>
        target is not (> 0 and <= 60) ? UploadOutcome.BadRequest($"{where}.targetDuration must be between 0 and 60 seconds")
        : part is not > 0 || part > target ? UploadOutcome.BadRequest($"{where}.targetPartDuration must be positive and at most targetDuration")
        : null;

    private static UploadOutcome? Decode(string? base64, string field, Budget budget, out byte[]? data)
    {
        data = null;
        if (base64 is null)
        {
            return null;
        }

        // Decoded size is at most 3/4 of the text; checking first keeps an oversized upload from
        // allocating its buffer at all.
        var upper = (long)base64.Length / 4 * 3 + 3;
        if (budget.Remaining < upper - 3 - 2)
        {
            return TooLarge(budget.Max);
        }

        var buffer = new byte[upper];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return UploadOutcome.BadRequest($"{field} is not valid base64");
        }

        if (written > budget.Remaining)
        {
            return TooLarge(budget.Max);
        }

        if (written == 0)
        {
            return UploadOutcome.BadRequest($"{field} is empty");
        }

        budget.Remaining -= written;
        data = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return null;
    }

    // Playlist attribute values are quoted strings (RFC 8216bis 4.2): no quotes, no line breaks.
    private static bool IsAttribute(string value)
    {
        foreach (var c in value)
        {
            if (c == '"' || char.IsControl(c))
            {
                return false;
            }
        }

        return value.Length <= 1024;
    }

    private static bool IsId(string? id) => !string.IsNullOrWhiteSpace(id) && IsName(id);

    private static bool IsName(string id)
    {
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '"' || char.IsControl(c))
            {
                return false;
            }
        }

        return id is not ("." or "..") && id.Length <= 256;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string FingerprintOf(DataSignal s)
    {
        var hash = new XxHash128();
        void Text(string? value)
        {
            Span<byte> length = stackalloc byte[4];
            BitConverter.TryWriteBytes(length, value?.Length ?? -1);
            hash.Append(length);
            if (value is not null)
            {
                hash.Append(Encoding.UTF8.GetBytes(value));
            }
        }

        void Bytes(byte[]? value)
        {
            Text(value is null ? null : "b" + value.Length.ToString(CultureInfo.InvariantCulture));
            if (value is not null)
            {
                hash.Append(value);
            }
        }

        // Records print their scalar fields; byte arrays are hashed by content, not by reference.
        Text(s.Action.ToString());
        Text(s.PlaylistId);
        Text(s.Variant?.ToString());
        Text(s.Rendition?.ToString());
        Text(s.Segment is { } seg ? string.Create(CultureInfo.InvariantCulture, $"{seg.Id}|{seg.Sequence}|{seg.Duration:R}|{seg.Discontinuity}|{seg.ProgramDateTime}|{seg.Map?.Id}") : null);
        Bytes(s.Segment?.Map?.Data);
        Bytes(s.Segment?.Data);
        Text(s.Part is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.Id}|{p.Sequence}|{p.Duration:R}|{p.Independent}|{p.Gap}") : null);
        Bytes(s.Part?.Data);
        return Convert.ToHexString(hash.GetCurrentHash());
    }

    private sealed class Budget(int max)
    {
        public int Max { get; } = max;

        public long Remaining { get; set; } = max;
    }
}
