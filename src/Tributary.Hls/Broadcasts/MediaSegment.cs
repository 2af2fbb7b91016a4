namespace Tributary.Hls.Broadcasts;

// A media segment in a track's window.
internal sealed class MediaSegment(long msn, MediaPiece map)
{
    public long Msn { get; } = msn;

    public MediaPiece Map { get; } = map;

    public bool Complete { get; set; }

    public double Duration { get; set; }

    public bool Discontinuity { get; set; }

    public bool Gap { get; set; }

    public long? ProgramDateTime { get; set; }

    // The whole segment as uploaded; null when it is served as its parts concatenated.
    public MediaPiece? Body { get; set; }

    // True when Body holds uploaded bytes of its own (counted in the budget), false when it is the parts.
    public bool BodyOwned { get; set; }

    // The name the playlist lists for the whole segment.
    public string? Name { get; set; }

    public List<MediaPart> Parts { get; } = [];

    public double PartsDuration
    {
        get
        {
            var sum = 0.0;
            foreach (var p in Parts)
            {
                sum += p.Duration;
            }

            return sum;
        }
    }
}
