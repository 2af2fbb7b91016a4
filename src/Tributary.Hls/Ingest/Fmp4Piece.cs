namespace Tributary.Hls.Ingest;

/// <summary>
/// One piece cut from a fragmented MP4 stream: the init section (<c>ftyp</c>+<c>moov</c>) or a part
/// (<c>moof</c>+<c>mdat</c>).
/// </summary>
/// <param name="IsInitSection">True for the init section.</param>
/// <param name="Data">The bytes, boxes back to back.</param>
/// <param name="Duration">A part's duration in seconds (of its video track when it has one).</param>
/// <param name="Independent">A part whose first video sample is a sync sample (<c>INDEPENDENT=YES</c>).</param>
/// <param name="Codecs">The init section's RFC 6381 codecs, e.g. <c>avc1.64000d,mp4a.40.2</c>.</param>
public sealed record Fmp4Piece(bool IsInitSection, byte[] Data, double Duration, bool Independent, string? Codecs);
