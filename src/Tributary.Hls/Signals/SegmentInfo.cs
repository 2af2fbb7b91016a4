namespace Tributary.Hls.Signals;

/// <summary>
/// A media segment. In <c>updateVariant</c>/<c>updateRendition</c> only <see cref="Map"/> is used;
/// in <c>updatePart</c> only <see cref="Sequence"/> (and optionally <see cref="Map"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SegmentInfo(
    [property: Id(0)] string? Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] double Duration,
    [property: Id(3)] bool Discontinuity,
    [property: Id(4)] long? ProgramDateTime,
    [property: Id(5)] MapInfo? Map,
    [property: Id(6)] byte[]? Data);
