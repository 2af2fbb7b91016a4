namespace Tributary.Hls.Broadcasts;

// A partial segment in a track's window.
internal sealed class MediaPart(int index, double duration, bool independent, bool gap, MediaPiece piece)
{
    public int Index { get; } = index;

    public double Duration { get; } = duration;

    public bool Independent { get; } = independent;

    public bool Gap { get; } = gap;

    public MediaPiece Piece { get; } = piece;
}
