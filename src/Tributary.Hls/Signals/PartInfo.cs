namespace Tributary.Hls.Signals;

/// <summary>A partial segment (<c>#EXT-X-PART</c>): <c>moof</c> + <c>mdat</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record PartInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] int Sequence,
    [property: Id(2)] double Duration,
    [property: Id(3)] bool Independent,
    [property: Id(4)] bool Gap,
    [property: Id(5)] byte[] Data);
