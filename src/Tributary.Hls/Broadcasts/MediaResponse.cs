namespace Tributary.Hls.Broadcasts;

/// <summary>A media file as chunks written back to back (<paramref name="Status"/> 200), or an error status.</summary>
[GenerateSerializer, Immutable]
public sealed record MediaResponse(
    [property: Id(0)] int Status,
    [property: Id(1)] MediaKind Kind,
    [property: Id(2)] byte[][] Chunks,
    [property: Id(3)] string? Error)
{
    /// <summary>The broadcast state it was found in: media never changes within one window.</summary>
    [Id(4)] public BroadcastVersion Version { get; init; }
}
