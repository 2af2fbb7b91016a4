using System.Collections.Immutable;
using Tributary.Media.Cascading;

namespace Tributary.Media.Munits;

/// <summary>
/// The fleet's registry of munits (one grain, key <see cref="Key"/>; implemented by the fleet's control part,
/// <c>Tributary.Fleet</c>): munits' regulators report to it directly (it alone judges liveness, from its own receipt
/// of reports), and
/// <see cref="ClusterMediaEngine"/> asks it where a room's stations go and where they are. A station is one
/// publisher session's uplink; its viewers' downlinks go to the station's munit.
/// </summary>
public interface IMunitRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The one registry's key.</summary>
    public const long Key = 0;

    /// <summary>
    /// A munit's report, straight from its regulator: the munit joins the registry on its first one. A report
    /// overtaken by a newer one of the same regulator (lower sequence, not later) changes nothing.
    /// </summary>
    Task ReportAsync(MunitReport report);

    /// <summary>Forgets a munit (e.g. one that was scaled away); answers false when it was not listed.</summary>
    Task<bool> RemoveAsync(string munitId);

    /// <summary>Every registered munit's status as the registry received it, ordered by id (no other grain is asked).</summary>
    Task<ImmutableArray<MunitStatus>> ListAsync();

    /// <summary>
    /// The munit for <paramref name="sessionId"/>'s station in <paramref name="roomId"/>: the munit already holding
    /// it while that munit lives (a draining munit keeps its stations), else a new choice — the least-loaded active
    /// munit, preferring one that already holds a station of the room (room affinity). Never a draining, stopped or
    /// dead munit. Null when no munit can take it.
    /// </summary>
    Task<MunitPlacement?> PlaceStationAsync(string roomId, string sessionId);

    /// <summary>The munit holding the session's station, when it has one on a live munit (no new choice).</summary>
    Task<MunitPlacement?> FindStationAsync(string roomId, string sessionId);

    /// <summary>True when at least one munit takes new stations (distinguishes "no media plane" from "no such stream").</summary>
    Task<bool> AnyActiveAsync();

    /// <summary>Every live munit holding a station or a downlink of the room (for releases and closes that must reach them all).</summary>
    Task<ImmutableArray<MunitPlacement>> RoomMunitsAsync(string roomId);

    /// <summary>Forgets the session's station (the session left or was released).</summary>
    Task ReleaseStationAsync(string roomId, string sessionId);

    /// <summary>Forgets every station of the room (the room ended), and its downlinks and forwards.</summary>
    Task ForgetRoomAsync(string roomId);

    /// <summary>
    /// Where <paramref name="viewerSessionId"/>'s downlink of <paramref name="publisherSessionId"/> goes (WATCH): the
    /// publisher's munit while it fits a downlink, else a cascade target — an active munit already receiving a
    /// forward of the publisher, else the least-loaded one (a new forward, created once per publisher and target).
    /// A repeated WATCH stays where it is while that still holds. The downlink is recorded (it counts against the
    /// munit's capacity until released).
    /// </summary>
    Task<DownlinkAssignment> PlaceDownlinkAsync(string roomId, string viewerSessionId, string publisherSessionId);

    /// <summary>Marks a forward as set up (both munits done); false when the registry no longer has it (it moved or was torn down meanwhile).</summary>
    Task<bool> ConfirmForwardAsync(string roomId, string publisherSessionId, string forwardId);

    /// <summary>
    /// Forgets a downlink whose set-up failed (the viewer got an error); answers the forward to tear down when it was
    /// that forward's last viewer.
    /// </summary>
    Task<ImmutableArray<ForwardTeardown>> ReleaseDownlinkAsync(string roomId, string viewerSessionId, string publisherSessionId);

    /// <summary>
    /// The munit serving the viewer's downlink of the publisher (ANSWER, ICE, SIMULCAST_UPDATE): where its WATCH was
    /// placed, else the publisher's station munit.
    /// </summary>
    Task<MunitPlacement?> FindDownlinkAsync(string roomId, string viewerSessionId, string publisherSessionId);

    /// <summary>
    /// Forgets every downlink the session had as viewer or as publisher in the room (LEAVE, KICK, expiry); answers the
    /// forwards that lost their last viewer, to tear down.
    /// </summary>
    Task<ImmutableArray<ForwardTeardown>> ReleaseDownlinksAsync(string roomId, string sessionId);
}
