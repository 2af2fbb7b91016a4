namespace Tributary.Rooms.Grains;

/// <summary>What a room persists (grain storage): enough to rebuild it on another silo when clients re-JOIN.</summary>
[GenerateSerializer]
public sealed class RoomState
{
    /// <summary>The room was created and has not ended.</summary>
    [Id(0)] public bool Exists { get; set; }

    /// <summary>Room type.</summary>
    [Id(1)] public RoomKind Kind { get; set; }

    /// <summary>Creation time, Unix ms on the room clock.</summary>
    [Id(2)] public long CreatedAt { get; set; }

    /// <summary>Members in join order.</summary>
    [Id(3)] public List<RoomMember> Members { get; set; } = [];

    /// <summary>Session ids with a pending PUBLISH_REQUEST.</summary>
    [Id(4)] public List<string> PendingRequests { get; set; } = [];

    /// <summary>Sequence for join and publisher order.</summary>
    [Id(5)] public long NextSeq { get; set; }

    /// <summary>p2p: the callee has arrived (the 30 s call timeout no longer applies).</summary>
    [Id(6)] public bool CalleeArrived { get; set; }
}
