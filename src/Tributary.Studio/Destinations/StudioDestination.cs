namespace Tributary.Studio.Destinations;

/// <summary>A destination as stored, without its stream key (which is only ever decrypted for the relay).</summary>
/// <param name="Id">The destination id.</param>
/// <param name="StudioId">Its studio.</param>
/// <param name="Kind">The platform.</param>
/// <param name="Url">The ingest URL (rtmp:// or rtmps://), without the key.</param>
/// <param name="CreatedAt">Unix ms.</param>
public sealed record StudioDestination(string Id, string StudioId, DestinationKind Kind, string Url, long CreatedAt);
