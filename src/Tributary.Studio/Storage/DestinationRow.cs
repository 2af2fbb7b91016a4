using Tributary.Studio.Destinations;

namespace Tributary.Studio.Storage;

/// <summary>A <c>studio_destinations</c> row as Dapper reads it.</summary>
internal sealed class DestinationRow
{
    public string Id { get; set; } = "";
    public string StudioId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Url { get; set; } = "";
    public string StreamKey { get; set; } = "";
    public long CreatedAt { get; set; }

    public StudioDestination ToDestination() => new(Id, StudioId, Enum.Parse<DestinationKind>(Kind, ignoreCase: true), Url, CreatedAt);
}
