namespace Tributary.Hls.Broadcasts;

/// <summary>What a served media file is; decides its content type.</summary>
public enum MediaKind
{
    /// <summary>An init section (<c>.mp4</c>, <c>video/mp4</c>).</summary>
    InitSection,
    /// <summary>A whole segment or a part (<c>.m4s</c>, <c>video/iso.segment</c>).</summary>
    Segment,
}
