using System.Text.Json;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Storage;

/// <summary>A <c>studios</c> row as Dapper reads it.</summary>
internal sealed class StudioRow
{
    public string Id { get; set; } = "";
    public string RoomId { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string Layout { get; set; } = "";
    public string Stage { get; set; } = "[]";
    public string? Title { get; set; }
    public string? LogoUrl { get; set; }
    public string IngestKey { get; set; } = "";
    public long? LiveSince { get; set; }
    public long CreatedAt { get; set; }

    public string? NodeId { get; set; }

    public StudioRecord ToStudio() => new(
        Id,
        RoomId,
        OwnerId,
        new StudioScene(Enum.Parse<StudioLayout>(Layout, ignoreCase: true), JsonSerializer.Deserialize<List<string>>(Stage) ?? [], Title, LogoUrl),
        IngestKey,
        LiveSince,
        CreatedAt,
        NodeId);
}
