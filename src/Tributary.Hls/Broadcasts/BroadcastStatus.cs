namespace Tributary.Hls.Broadcasts;

/// <summary>A broadcast's size and state.</summary>
[GenerateSerializer, Immutable]
public sealed record BroadcastStatus(
    [property: Id(0)] long Bytes,
    [property: Id(1)] bool Ended,
    [property: Id(2)] long Version,
    [property: Id(3)] int Tracks);
