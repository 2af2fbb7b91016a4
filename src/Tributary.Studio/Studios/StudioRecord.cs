namespace Tributary.Studio.Studios;

/// <summary>A studio as stored: one per createStudio, bound to a room and its owner.</summary>
/// <param name="Id">The studio id.</param>
/// <param name="RoomId">The room it composes.</param>
/// <param name="OwnerId">The room's owner, the only user who may drive it.</param>
/// <param name="Scene">The current scene.</param>
/// <param name="IngestKey">The secret of the studio's ingest (SRT passphrase); shown to the owner only.</param>
/// <param name="LiveSince">Unix ms of goLive, or null when not live.</param>
/// <param name="CreatedAt">Unix ms.</param>
/// <param name="NodeId">While live: the studio node that runs it (<c>studios.node_id</c>).</param>
public sealed record StudioRecord(string Id, string RoomId, string OwnerId, StudioScene Scene, string IngestKey, long? LiveSince, long CreatedAt, string? NodeId = null);
