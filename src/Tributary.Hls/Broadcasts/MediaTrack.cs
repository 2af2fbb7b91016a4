using Tributary.Hls.Signals;

namespace Tributary.Hls.Broadcasts;

// One variant or rendition of a broadcast: its init sections and its window of segments. The last
// segment may be open (parts arriving, not yet completed by updateSegment).
internal sealed class MediaTrack(string id, bool isRendition)
{
    public string Id { get; } = id;

    public bool IsRendition { get; } = isRendition;

    public VariantInfo? Variant { get; set; }

    public RenditionInfo? Rendition { get; set; }

    public double TargetDuration => Variant?.TargetDuration ?? Rendition?.TargetDuration ?? 1;

    public double PartTarget => Variant?.TargetPartDuration ?? Rendition?.TargetPartDuration ?? 1;

    public int Version => Variant?.Version ?? 9;

    public MediaPiece? CurrentMap { get; set; }

    public List<MediaSegment> Segments { get; } = [];

    public Dictionary<string, MediaPiece> Pieces { get; } = new(StringComparer.Ordinal);

    // Discontinuities that rolled out of the window: EXT-X-DISCONTINUITY-SEQUENCE.
    public long DiscontinuitySequence { get; set; }

    public MediaSegment? Open => Segments.Count > 0 && !Segments[^1].Complete ? Segments[^1] : null;

    public MediaSegment? LastComplete
    {
        get
        {
            for (var i = Segments.Count - 1; i >= 0; i--)
            {
                if (Segments[i].Complete)
                {
                    return Segments[i];
                }
            }

            return null;
        }
    }

    public int CompleteCount => Segments.Count - (Open is null ? 0 : 1);

    // The next part the publisher will upload: what EXT-X-PRELOAD-HINT names.
    public (long Msn, int Part)? NextPart =>
        Open is { } open ? (open.Msn, open.Parts.Count)
        : LastComplete is { } last ? (last.Msn + 1, 0)
        : null;
}
