using Tributary.Fleet.Cascading;
using Tributary.Fleet.Placement;

namespace Tributary.Fleet.Tests.Cascading;

/// <summary>
/// The registry's downlink bookkeeping over a real <see cref="PlacementTable"/>: two downlinks per munit, a publisher
/// on m-a, viewers beyond m-a's two cascading to m-b through one forward.
/// </summary>
public sealed class DownlinkTableTests
{
    private static readonly MunitCapacityLimits Limits = new(MaxStations: 10, MaxDownlinks: 2, MaxBitrate: 1_000_000_000, StationBitrate: 1_000, DownlinkBitrate: 1_000);

    private const string Room = "r1";
    private const string Publisher = "pub";

    private static (PlacementTable Table, DownlinkTable Downlinks) Fleet(params string[] munits)
    {
        var table = new PlacementTable(Limits);
        foreach (var id in munits)
        {
            Assert.True(table.Add(id));
        }

        Assert.True(table.AddStation("m-a", Room));
        return (table, new DownlinkTable(table));
    }

    [Fact]
    public void Viewers_beyond_the_origins_capacity_cascade_through_one_forward_created_by_the_first_of_them()
    {
        var (table, downlinks) = Fleet("m-a", "m-b");

        var v1 = downlinks.Place(Room, "v1", Publisher, "m-a");
        var v2 = downlinks.Place(Room, "v2", Publisher, "m-a");
        var v3 = downlinks.Place(Room, "v3", Publisher, "m-a");
        var v4 = downlinks.Place(Room, "v4", Publisher, "m-a");

        Assert.Equal(("m-a", null), (v1.MunitId, v1.Forward));
        Assert.Equal(("m-a", null), (v2.MunitId, v2.Forward));
        Assert.Equal("m-b", v3.MunitId);
        Assert.True(v3.Created);
        Assert.Equal("m-b", v4.MunitId);
        Assert.False(v4.Created);
        Assert.Equal(v3.Forward!.Id, v4.Forward!.Id);
        var forward = Assert.Single(downlinks.Forwards);
        Assert.Equal((Room, Publisher, "m-a", "m-b", 2, false), (forward.RoomId, forward.PublisherSessionId, forward.OriginMunitId, forward.TargetMunitId, forward.Viewers, forward.Ready));
        Assert.Equal((2, 2), (downlinks.CountOn("m-a"), downlinks.CountOn("m-b")));
        Assert.Equal(2, table.Snapshot().Single(m => m.MunitId == "m-b").Downlinks);
        Assert.Equal(["m-a", "m-b"], downlinks.MunitsOf(Room));
        Assert.Equal("m-b", downlinks.Find(Room, "v4", Publisher));

        // Both munits full: a fifth viewer has nowhere to go, and nothing is recorded.
        var v5 = downlinks.Place(Room, "v5", Publisher, "m-a");
        Assert.Equal(PlacementOutcome.NoCapacity, v5.Outcome);
        Assert.Null(downlinks.Find(Room, "v5", Publisher));
    }

    [Fact]
    public void A_repeated_WATCH_stays_on_its_munit_and_counts_once()
    {
        var (_, downlinks) = Fleet("m-a", "m-b");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        var first = downlinks.Place(Room, "v3", Publisher, "m-a");

        var again = downlinks.Place(Room, "v3", Publisher, "m-a");

        Assert.Equal(("m-b", false, null), (again.MunitId, again.Created, again.ReplacedMunitId));
        Assert.Equal(first.Forward!.Id, again.Forward!.Id);
        Assert.Equal(1, Assert.Single(downlinks.Forwards).Viewers);
        Assert.Equal(1, downlinks.CountOn("m-b"));
    }

    [Fact]
    public void Confirm_marks_the_forward_ready_and_answers_false_for_an_unknown_forward()
    {
        var (_, downlinks) = Fleet("m-a", "m-b");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        var id = downlinks.Place(Room, "v3", Publisher, "m-a").Forward!.Id;

        Assert.False(downlinks.Confirm(Room, Publisher, "no-such-forward"));
        Assert.False(downlinks.Confirm(Room, "someone-else", id));
        Assert.False(Assert.Single(downlinks.Forwards).Ready);
        Assert.True(downlinks.Confirm(Room, Publisher, id));
        Assert.True(Assert.Single(downlinks.Forwards).Ready);
        Assert.True(downlinks.Place(Room, "v4", Publisher, "m-a").Forward!.Ready);
    }

    [Fact]
    public void A_forward_is_removed_with_its_last_viewer_and_the_next_cascaded_viewer_creates_a_new_one()
    {
        var (table, downlinks) = Fleet("m-a", "m-b");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        var id = downlinks.Place(Room, "v3", Publisher, "m-a").Forward!.Id;
        downlinks.Place(Room, "v4", Publisher, "m-a");

        Assert.Empty(downlinks.ReleaseSession(Room, "v3"));
        Assert.Equal(1, Assert.Single(downlinks.Forwards).Viewers);
        var removed = Assert.Single(downlinks.Release(Room, "v4", Publisher));

        Assert.Equal((id, "m-a", "m-b"), (removed.Id, removed.OriginMunitId, removed.TargetMunitId));
        Assert.Empty(downlinks.Forwards);
        Assert.Equal(0, downlinks.CountOn("m-b"));
        Assert.Equal(0, table.Snapshot().Single(m => m.MunitId == "m-b").Downlinks);
        Assert.Empty(table.Snapshot().Single(m => m.MunitId == "m-b").Forwards);
        var again = downlinks.Place(Room, "v5", Publisher, "m-a");
        Assert.True(again.Created);
        Assert.NotEqual(id, again.Forward!.Id);
    }

    [Fact]
    public void The_publisher_leaving_releases_every_downlink_of_it_and_its_forwards()
    {
        var (_, downlinks) = Fleet("m-a", "m-b");
        foreach (var viewer in new[] { "v1", "v2", "v3" })
        {
            downlinks.Place(Room, viewer, Publisher, "m-a");
        }

        var removed = downlinks.ReleaseSession(Room, Publisher);

        Assert.Equal("m-b", Assert.Single(removed).TargetMunitId);
        Assert.Equal((0, 0), (downlinks.CountOn("m-a"), downlinks.CountOn("m-b")));
        Assert.Empty(downlinks.MunitsOf(Room));
    }

    [Fact]
    public void A_dead_target_forgets_its_forward_and_downlinks_and_a_re_WATCH_creates_a_new_forward_elsewhere()
    {
        var (table, downlinks) = Fleet("m-a", "m-b", "m-c");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        var old = downlinks.Place(Room, "v3", Publisher, "m-a").Forward!;
        Assert.Equal("m-b", old.TargetMunitId);

        Assert.True(table.SetState("m-b", MunitState.Dead));
        var forgotten = downlinks.ForgetMunit("m-b");

        Assert.Equal(old.Id, Assert.Single(forgotten).Id);
        Assert.Empty(downlinks.Forwards);
        Assert.Null(downlinks.Find(Room, "v3", Publisher));
        Assert.Equal(2, downlinks.CountOn("m-a"));
        var rewatched = downlinks.Place(Room, "v3", Publisher, "m-a");
        Assert.Equal(("m-c", true), (rewatched.MunitId, rewatched.Created));
    }

    [Fact]
    public void A_dead_origin_forgets_its_forwards_and_their_downlinks_on_live_targets()
    {
        var (table, downlinks) = Fleet("m-a", "m-b");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        downlinks.Place(Room, "v3", Publisher, "m-a");

        Assert.True(table.SetState("m-a", MunitState.Dead));
        var forgotten = downlinks.ForgetMunit("m-a");

        Assert.Single(forgotten);
        Assert.Empty(downlinks.Forwards);
        Assert.Equal((0, 0), (downlinks.CountOn("m-a"), downlinks.CountOn("m-b")));
        Assert.Equal(0, table.Snapshot().Single(m => m.MunitId == "m-b").Downlinks);

        // The station re-placed on m-b: viewers re-WATCH there, locally.
        Assert.True(table.AddStation("m-b", Room));
        Assert.Equal(("m-b", null), (downlinks.Place(Room, "v3", Publisher, "m-b").MunitId, downlinks.Forwards.FirstOrDefault()));
    }

    [Fact]
    public void A_re_WATCH_after_the_station_moved_replaces_the_old_downlink_and_removes_its_forward()
    {
        var (table, downlinks) = Fleet("m-a", "m-b", "m-c");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        var old = downlinks.Place(Room, "v3", Publisher, "m-a").Forward!;

        // The publisher's station is now on m-c (e.g. re-placed after a stop that this book was not told about).
        Assert.True(table.AddStation("m-c", Room));
        var moved = downlinks.Place(Room, "v3", Publisher, "m-c");

        Assert.Equal(("m-c", "m-b"), (moved.MunitId, moved.ReplacedMunitId));
        Assert.Equal(old.Id, Assert.Single(moved.Removed).Id);
        Assert.Empty(downlinks.Forwards);
    }

    [Theory]
    [InlineData("", "v1", Publisher, "m-a", "required")]
    [InlineData(Room, " ", Publisher, "m-a", "required")]
    [InlineData(Room, "v1", "", "m-a", "required")]
    [InlineData(Room, "v1", Publisher, "", "required")]
    [InlineData(Room, Publisher, Publisher, "m-a", "its own stream")]
    [InlineData(Room, "v1", Publisher, "m-x", "unknown or dead")]
    [InlineData(Room, "v1", Publisher, "m-dead", "unknown or dead")]
    public void Bad_input_answers_Invalid_with_the_reason_and_changes_nothing(string room, string viewer, string publisher, string origin, string reason)
    {
        var (table, downlinks) = Fleet("m-a", "m-b", "m-dead");
        Assert.True(table.SetState("m-dead", MunitState.Dead));
        downlinks.Place(Room, "v1", Publisher, "m-a");
        downlinks.Place(Room, "v2", Publisher, "m-a");
        downlinks.Place(Room, "v3", Publisher, "m-a");
        var before = Describe(table, downlinks);

        var decision = downlinks.Place(room, viewer, publisher, origin);

        Assert.Equal(PlacementOutcome.Invalid, decision.Outcome);
        Assert.Contains(reason, decision.Error, StringComparison.Ordinal);
        Assert.Equal(before, Describe(table, downlinks));
    }

    [Fact]
    public void Releasing_what_is_not_recorded_changes_nothing()
    {
        var (table, downlinks) = Fleet("m-a", "m-b");
        downlinks.Place(Room, "v1", Publisher, "m-a");
        var before = Describe(table, downlinks);

        Assert.Empty(downlinks.Release(Room, "nobody", Publisher));
        Assert.Empty(downlinks.Release("other-room", "v1", Publisher));
        Assert.Empty(downlinks.ReleaseSession(Room, "nobody"));
        Assert.Empty(downlinks.ForgetRoom("other-room"));
        Assert.Empty(downlinks.ForgetMunit("m-x"));

        Assert.Equal(before, Describe(table, downlinks));
    }

    private static string Describe(PlacementTable table, DownlinkTable downlinks) =>
        string.Join("; ", table.Snapshot().Select(m => $"{m.MunitId} {m.State} {m.Downlinks} {m.Bitrate} [{string.Join(",", m.Forwards)}]"))
        + " | " + string.Join("; ", downlinks.Forwards) + " | " + string.Join(",", new[] { "m-a", "m-b" }.Select(downlinks.CountOn));
}
