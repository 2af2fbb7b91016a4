namespace Tributary.Hls.Broadcasts;

/// <summary>
/// How far a media playlist reaches, so an edge can tell whether a cached copy already answers a
/// blocking reload: the last complete segment, and the open segment with its part count (-1 for none).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct PlaylistPosition(
    [property: Id(0)] long LastCompleteMsn,
    [property: Id(1)] long OpenMsn,
    [property: Id(2)] int OpenParts)
{
    /// <summary>No segment yet.</summary>
    public static PlaylistPosition None { get; } = new(-1, -1, 0);

    /// <summary>
    /// Whether this playlist holds segment <paramref name="msn"/> (complete) or part
    /// <paramref name="part"/> of it, or anything later. Conservative: when unsure, false (ask the grain).
    /// </summary>
    public bool Holds(long msn, int? part) => part is not { } p
        ? msn <= LastCompleteMsn
        : msn < LastCompleteMsn || (msn == OpenMsn && p < OpenParts) || (msn < OpenMsn && OpenParts > 0);
}
