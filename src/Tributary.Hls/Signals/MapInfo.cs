namespace Tributary.Hls.Signals;

/// <summary>An init section (<c>#EXT-X-MAP</c>): <c>ftyp</c> + <c>moov</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record MapInfo([property: Id(0)] string Id, [property: Id(1)] byte[] Data);
