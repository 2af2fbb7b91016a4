using System.Text.Json.Serialization;

namespace Tributary.Hls.Signals;

// The wire shape of a data signal, before validation. Every field is optional here so that a missing
// one is reported by name instead of as a generic JSON error.
internal sealed class DataSignalDocument
{
    public string? Action { get; set; }

    public int? Version { get; set; }

    public string? Id { get; set; }

    public long? Timestamp { get; set; }

    public long? Numbytes { get; set; }

    public PayloadDocument? Payload { get; set; }
}

internal sealed class PayloadDocument
{
    public PlaylistDocument? Playlist { get; set; }

    public VariantDocument? Variant { get; set; }

    public RenditionDocument? Rendition { get; set; }

    public SegmentDocument? Segment { get; set; }

    public PartDocument? Part { get; set; }
}

internal sealed class PlaylistDocument
{
    public string? Id { get; set; }

    public int? Version { get; set; }
}

internal sealed class VariantDocument
{
    public string? Id { get; set; }

    public string? Codecs { get; set; }

    public long? Bandwidth { get; set; }

    public string? Audio { get; set; }

    public int? Version { get; set; }

    public double? TargetDuration { get; set; }

    public double? TargetPartDuration { get; set; }
}

internal sealed class RenditionDocument
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? GroupId { get; set; }

    public string? Name { get; set; }

    public string? Language { get; set; }

    public bool? IsDefault { get; set; }

    public bool? AutoSelect { get; set; }

    public double? TargetDuration { get; set; }

    public double? TargetPartDuration { get; set; }
}

internal sealed class SegmentDocument
{
    public string? Id { get; set; }

    public long? Sequence { get; set; }

    public double? Duration { get; set; }

    public bool? Discontinuity { get; set; }

    public long? ProgramDateTime { get; set; }

    public MapDocument? Map { get; set; }

    public string? Data { get; set; }
}

internal sealed class MapDocument
{
    public string? Id { get; set; }

    public string? Data { get; set; }
}

internal sealed class PartDocument
{
    public string? Id { get; set; }

    public int? Sequence { get; set; }

    public double? Duration { get; set; }

    public bool? Independent { get; set; }

    public bool? Gap { get; set; }

    public string? Data { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DataSignalDocument))]
internal sealed partial class DataSignalJsonContext : JsonSerializerContext;
