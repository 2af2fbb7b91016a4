namespace Tributary.Hls.Signals;

/// <summary>
/// One validated upload (HLS-DATA-SIGNALS.md): media bytes already decoded from base64. The same
/// shape is fed by the upload endpoint and, later, by the <c>hlsForwarding</c> packager.
/// </summary>
/// <param name="Action">What the message updates.</param>
/// <param name="MessageId">The client's message id: uploads are idempotent by it.</param>
/// <param name="PlaylistId">The master playlist's id: the p2m room id, and the <c>streamId</c> of the URLs.</param>
/// <param name="PlaylistVersion">The master playlist's HLS version.</param>
/// <param name="Variant">The variant of <c>updateVariant</c>, or the target of a segment/part update.</param>
/// <param name="Rendition">The rendition of <c>updateRendition</c>, or the target of a segment/part update.</param>
/// <param name="Segment">The segment (or, for variant/rendition updates, only its <c>map</c>).</param>
/// <param name="Part">The part of <c>updatePart</c>.</param>
/// <param name="Fingerprint">Hash of everything above but the message id: a retry must carry the same.</param>
[GenerateSerializer, Immutable]
public sealed record DataSignal(
    [property: Id(0)] DataSignalAction Action,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string PlaylistId,
    [property: Id(3)] int PlaylistVersion,
    [property: Id(4)] VariantInfo? Variant,
    [property: Id(5)] RenditionInfo? Rendition,
    [property: Id(6)] SegmentInfo? Segment,
    [property: Id(7)] PartInfo? Part,
    [property: Id(8)] string Fingerprint)
{
    /// <summary>The id of the variant or rendition this message is about.</summary>
    public string TrackId => Variant?.Id ?? Rendition?.Id ?? string.Empty;

    /// <summary>Decoded media bytes this message carries.</summary>
    public long MediaBytes => (Segment?.Map?.Data.Length ?? 0) + (Segment?.Data?.Length ?? 0) + (Part?.Data.Length ?? 0);
}
