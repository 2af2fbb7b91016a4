using Tributary.Studio.Destinations;

namespace Tributary.Studio.Placement;

/// <summary>A live studio as the node running it sees it: what <c>studio(id)</c> shows besides the stored row.</summary>
/// <param name="NodeId">The studio node running it.</param>
/// <param name="IngestUrl">The SRT ingest URL (with its passphrase).</param>
/// <param name="RtmpIngestUrl">The RTMP ingest URL (with its key), null without nginx-rtmp.</param>
/// <param name="HlsPath">The program's LL-HLS playlist path.</param>
/// <param name="Destinations">Each running destination's health, by destination id.</param>
[GenerateSerializer, Immutable]
public sealed record StudioLiveStatus(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string? IngestUrl,
    [property: Id(2)] string? RtmpIngestUrl,
    [property: Id(3)] string? HlsPath,
    [property: Id(4)] IReadOnlyDictionary<string, DestinationHealth> Destinations);
