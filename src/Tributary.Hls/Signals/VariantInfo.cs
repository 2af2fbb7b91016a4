namespace Tributary.Hls.Signals;

/// <summary>A variant stream (<c>#EXT-X-STREAM-INF</c>). For segment and part updates only <see cref="Id"/> matters.</summary>
[GenerateSerializer, Immutable]
public sealed record VariantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Codecs,
    [property: Id(2)] long Bandwidth,
    [property: Id(3)] string? Audio,
    [property: Id(4)] int Version,
    [property: Id(5)] double TargetDuration,
    [property: Id(6)] double TargetPartDuration);
