namespace Tributary.Hls.Broadcasts;

/// <summary>A composed playlist (<paramref name="Status"/> 200) or an error status with its reason.</summary>
[GenerateSerializer, Immutable]
public sealed record PlaylistResponse(
    [property: Id(0)] int Status,
    [property: Id(1)] byte[]? Body,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool Ended);
