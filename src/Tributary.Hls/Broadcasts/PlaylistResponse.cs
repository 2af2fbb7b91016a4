namespace Tributary.Hls.Broadcasts;

/// <summary>A composed playlist (<paramref name="Status"/> 200) or an error status with its reason.</summary>
[GenerateSerializer, Immutable]
public sealed record PlaylistResponse(
    [property: Id(0)] int Status,
    [property: Id(1)] byte[]? Body,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool Ended)
{
    /// <summary>The broadcast state the body was composed from.</summary>
    [Id(4)] public BroadcastVersion Version { get; init; }

    /// <summary>How far a media playlist reaches (<see cref="PlaylistPosition.None"/> for the master).</summary>
    [Id(5)] public PlaylistPosition Position { get; init; } = PlaylistPosition.None;
}
