namespace Tributary.Rooms.Grains;

/// <summary>One session in a room (persisted with the room).</summary>
[GenerateSerializer]
public sealed class RoomMember
{
    /// <summary>Who and from where.</summary>
    [Id(0)] public required SessionInfo Session { get; set; }

    /// <summary>Publisher (or owner) rather than viewer.</summary>
    [Id(1)] public bool IsPublisher { get; set; }

    /// <summary>Order of becoming publisher: the lowest is the oldest publisher, the owner.</summary>
    [Id(2)] public long PublisherSeq { get; set; }

    /// <summary>Video enabled.</summary>
    [Id(3)] public bool Video { get; set; }

    /// <summary>Audio enabled.</summary>
    [Id(4)] public bool Audio { get; set; }

    /// <summary>The uplink is live (m2m/a2m: OFFER answered; p2m and p2p publishers: always).</summary>
    [Id(5)] public bool Publishing { get; set; }

    /// <summary>Profile: username.</summary>
    [Id(6)] public string Username { get; set; } = string.Empty;

    /// <summary>Profile: full name.</summary>
    [Id(7)] public string Fullname { get; set; } = string.Empty;

    /// <summary>Profile: avatar URL.</summary>
    [Id(8)] public string? Avatar { get; set; }

    /// <summary>Order of joining.</summary>
    [Id(9)] public long JoinSeq { get; set; }
}
