namespace Tributary.Hls.Broadcasts;

// One servable file of a track: an init section, a whole segment or a part.
internal sealed class MediaPiece(string name, MediaKind kind, IReadOnlyList<byte[]> chunks)
{
    public string Name { get; } = name;

    public MediaKind Kind { get; } = kind;

    public IReadOnlyList<byte[]> Chunks { get; } = chunks;

    public long Length
    {
        get
        {
            long sum = 0;
            foreach (var c in Chunks)
            {
                sum += c.Length;
            }

            return sum;
        }
    }
}
