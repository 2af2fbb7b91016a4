namespace Tributary.Hls.Signals;

/// <summary>An alternate rendition (<c>#EXT-X-MEDIA</c>). For segment and part updates only <see cref="Id"/> matters.</summary>
[GenerateSerializer, Immutable]
public sealed record RenditionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Type,
    [property: Id(2)] string? GroupId,
    [property: Id(3)] string? Name,
    [property: Id(4)] string? Language,
    [property: Id(5)] bool IsDefault,
    [property: Id(6)] bool AutoSelect,
    [property: Id(7)] double TargetDuration,
    [property: Id(8)] double TargetPartDuration);
