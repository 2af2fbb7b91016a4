using Tributary.Fleet.Placement;
using Tributary.Media.Munits;

namespace Tributary.Fleet.Registry;

/// <summary>One munit as the registry sees it (the admin API's <c>munits</c> and the autoscaler's input).</summary>
/// <param name="MunitId">The munit.</param>
/// <param name="Lifecycle">Active, draining or stopped, as decided by admin or the autoscaler.</param>
/// <param name="State">What placement uses: the lifecycle, or dead when stopped, silent for <c>Fleet:DeadAfter</c>, or its Janus is not healthy.</param>
/// <param name="Stations">Stations the registry placed on it and that have not ended.</param>
/// <param name="Rooms">Rooms with at least one of those stations.</param>
/// <param name="Downlinks">Downlinks it last reported (null before its first report with load).</param>
/// <param name="Bitrate">Bit rate in plus out it last reported, bits per second (null as above).</param>
/// <param name="Host">The machine it runs on (null before its first report).</param>
/// <param name="Janus">Its Janus's health in the last report (null before one).</param>
/// <param name="LastReportAt">When the registry last heard from it (null: not since the registry started).</param>
/// <param name="LifecycleSince">When <paramref name="Lifecycle"/> last changed.</param>
/// <param name="AssignedRooms">Rooms an administrator assigned to it.</param>
/// <param name="DrainedByOperator">Draining on an operator's command (the autoscaler does not revive it).</param>
[GenerateSerializer, Immutable]
public sealed record MunitView(
    [property: Id(0)] string MunitId,
    [property: Id(1)] MunitLifecycle Lifecycle,
    [property: Id(2)] MunitState State,
    [property: Id(3)] int Stations,
    [property: Id(4)] int Rooms,
    [property: Id(5)] int? Downlinks,
    [property: Id(6)] long? Bitrate,
    [property: Id(7)] string? Host,
    [property: Id(8)] JanusHealth? Janus,
    [property: Id(9)] DateTimeOffset? LastReportAt,
    [property: Id(10)] DateTimeOffset LifecycleSince,
    [property: Id(11)] int AssignedRooms = 0,
    [property: Id(12)] bool DrainedByOperator = false);
