namespace Tributary.Hls.Broadcasts;

/// <summary>A media playlist request with its delivery directives (<c>_HLS_msn</c>, <c>_HLS_part</c>, <c>_HLS_skip</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record MediaPlaylistRequest(
    [property: Id(0)] string TrackId,
    [property: Id(1)] long? Msn,
    [property: Id(2)] int? Part,
    [property: Id(3)] bool Skip);
