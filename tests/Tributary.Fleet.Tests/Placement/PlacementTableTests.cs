using Tributary.Fleet.Placement;
using static Tributary.Fleet.Tests.Placement.Fleets;

namespace Tributary.Fleet.Tests.Placement;

public sealed class PlacementTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Table_answers_as_the_reference_policy_on_random_fleets(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var munits = Enumerable.Range(0, random.Next(0, 12)).Select(i => Munit(
                $"m{i}",
                stations: random.Next(0, 11),
                downlinks: random.Next(0, 5),
                bitrate: random.Next(0, 4) == 0 ? random.NextInt64(0, 100_000_001) : 0,
                state: (MunitState)random.Next(0, 3),
                rooms: Enumerable.Range(0, random.Next(0, 3)).Select(_ => $"r{random.Next(0, 5)}").Distinct().ToArray(),
                forwards: Enumerable.Range(0, random.Next(0, 3)).Select(_ => $"p{random.Next(0, 5)}").Distinct().ToArray())).ToList();
            var table = new PlacementTable(Limits);
            foreach (var munit in munits)
            {
                Assert.True(table.Upsert(munit));
            }

            var room = $"r{random.Next(0, 6)}";
            Assert.Equal(PlacementPolicy.PlaceStation(munits, room, Limits), table.PlaceStation(room));
            if (munits.Count > 0)
            {
                var origin = munits[random.Next(munits.Count)].MunitId;
                var publisher = $"p{random.Next(0, 6)}";
                Assert.Equal(PlacementPolicy.PlaceDownlink(munits, origin, publisher, Limits), table.PlaceDownlink(origin, publisher));
            }
        }
    }

    [Fact]
    public void Committed_stations_move_the_next_placement_to_the_less_loaded_munit()
    {
        var table = new PlacementTable(Limits);
        table.Add("a");
        table.Add("b");

        Assert.True(table.AddStation("a", "r1"));
        Assert.Equal(StationPlacement.On("b", byAffinity: false), table.PlaceStation("r2"));
        Assert.Equal(StationPlacement.On("a", byAffinity: true), table.PlaceStation("r1"));
    }

    [Fact]
    public void Room_affinity_ends_when_the_rooms_last_station_leaves()
    {
        var table = new PlacementTable(Limits);
        table.Add("a");
        table.Add("b");
        table.AddStation("b", "r1");
        table.AddStation("b", "r1");
        table.AddStation("a", "x");
        table.AddStation("a", "x");
        table.AddStation("a", "x");

        Assert.True(table.RemoveStation("b", "r1"));
        Assert.Equal(StationPlacement.On("b", byAffinity: true), table.PlaceStation("r1"));
        Assert.True(table.RemoveStation("b", "r1"));
        Assert.Empty(table.Snapshot().Single(m => m.MunitId == "b").Rooms);
        Assert.Equal(StationPlacement.On("b", byAffinity: false), table.PlaceStation("r1"));
    }

    [Fact]
    public void Forward_is_created_by_its_first_viewer_and_removed_with_its_last()
    {
        var table = new PlacementTable(Limits);
        table.Add("a");
        table.Add("b");
        table.Add("c");
        table.AddStation("a", "room");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(DownlinkPlacement.On("a", DownlinkRoute.Local), table.PlaceDownlink("a", "pub"));
            table.AddDownlink("a");
        }

        var first = table.PlaceDownlink("a", "pub");
        Assert.Equal(DownlinkPlacement.On("b", DownlinkRoute.NewForward), first);
        table.AddDownlink("b", "pub");
        Assert.Equal(DownlinkPlacement.On("b", DownlinkRoute.ExistingForward), table.PlaceDownlink("a", "pub"));
        table.AddDownlink("b", "pub");

        Assert.True(table.RemoveDownlink("b", "pub"));
        Assert.Equal(["pub"], table.Snapshot().Single(m => m.MunitId == "b").Forwards);
        Assert.True(table.RemoveDownlink("b", "pub"));
        Assert.Empty(table.Snapshot().Single(m => m.MunitId == "b").Forwards);
        Assert.Equal(DownlinkPlacement.On("b", DownlinkRoute.NewForward), table.PlaceDownlink("a", "pub"));
    }

    [Fact]
    public void Downlinks_added_in_a_batch_equal_the_same_number_added_one_by_one()
    {
        var batched = new PlacementTable(Limits);
        var single = new PlacementTable(Limits);
        foreach (var table in new[] { batched, single })
        {
            table.Add("a");
            table.Add("b");
            table.AddStation("a", "room");
        }

        Assert.Equal(4, batched.DownlinkHeadroom("a"));
        Assert.True(batched.AddDownlinks("a", 4));
        Assert.True(batched.AddDownlinks("b", 3, "pub"));
        for (var i = 0; i < 4; i++)
        {
            single.AddDownlink("a");
        }

        for (var i = 0; i < 3; i++)
        {
            single.AddDownlink("b", "pub");
        }

        Assert.Equal(Describe(single), Describe(batched));
        Assert.Equal(0, batched.DownlinkHeadroom("a"));
        Assert.Equal(1, batched.DownlinkHeadroom("b"));
        Assert.Equal(0, batched.DownlinkHeadroom("nope"));

        var before = Describe(batched);
        Assert.False(batched.AddDownlinks("a", 0));
        Assert.False(batched.RemoveDownlinks("b", 4, "pub"));
        Assert.False(batched.RemoveDownlinks("a", -1));
        Assert.Equal(before, Describe(batched));

        Assert.True(batched.RemoveDownlinks("b", 3, "pub"));
        Assert.Empty(batched.Snapshot().Single(m => m.MunitId == "b").Forwards);
    }

    [Fact]
    public void Draining_a_munit_takes_it_out_of_placement_and_reviving_brings_it_back()
    {
        var table = new PlacementTable(Limits);
        table.Add("a");
        table.Add("b");
        table.AddStation("b", "busy");

        Assert.True(table.SetState("a", MunitState.Draining));
        Assert.Equal("b", table.PlaceStation("r").MunitId);
        Assert.True(table.SetState("a", MunitState.Active));
        Assert.Equal("a", table.PlaceStation("r").MunitId);
        Assert.True(table.SetState("b", MunitState.Dead));
        Assert.True(table.SetState("a", MunitState.Dead));
        Assert.Equal(StationPlacement.NoCapacity, table.PlaceStation("r"));
    }

    [Fact]
    public void Bad_table_operations_answer_false_and_change_nothing()
    {
        var table = new PlacementTable(Limits);
        table.Add("a");
        table.AddStation("a", "room");
        var before = Describe(table);

        Assert.False(table.Add("a"));
        Assert.False(table.Add(" "));
        Assert.False(table.Upsert(Munit("b", stations: -1)));
        Assert.False(table.Upsert(Munit("")));
        Assert.False(table.AddStation("nope", "room"));
        Assert.False(table.AddStation("a", " "));
        Assert.False(table.RemoveStation("a", "other-room"));
        Assert.False(table.RemoveStation("nope", "room"));
        Assert.False(table.AddDownlink("nope"));
        Assert.False(table.RemoveDownlink("a"));
        Assert.False(table.RemoveDownlink("a", "pub"));
        Assert.False(table.SetState("nope", MunitState.Draining));
        Assert.False(table.SetState("a", (MunitState)9));
        Assert.False(table.Remove("nope"));
        Assert.Equal(StationPlacement.Invalid("roomId is required."), table.PlaceStation(""));
        Assert.Equal("munit 'nope' is unknown.", table.PlaceDownlink("nope", "pub").Error);

        Assert.Equal(before, Describe(table));
    }

    [Fact]
    public void Upsert_with_a_repeated_room_indexes_it_once()
    {
        var table = new PlacementTable(Limits);
        Assert.True(table.Upsert(Munit("a", stations: 2, rooms: ["room", "room"])));
        table.Add("b");

        Assert.Equal(["room"], table.Snapshot().Single(m => m.MunitId == "a").Rooms);
        Assert.True(table.RemoveStation("a", "room"));
        Assert.Equal(StationPlacement.On("b", byAffinity: false), table.PlaceStation("room"));
    }

    [Fact]
    public void Removing_a_munit_forgets_its_rooms_and_forwards()
    {
        var table = new PlacementTable(Limits);
        table.Add("a");
        table.Add("b");
        table.AddStation("a", "room");
        table.AddDownlink("a", "pub");

        Assert.True(table.Remove("a"));
        Assert.Equal(1, table.Count);
        Assert.Equal(StationPlacement.On("b", byAffinity: false), table.PlaceStation("room"));
    }

    private static string Describe(PlacementTable table) => string.Join(
        ";",
        table.Snapshot().OrderBy(m => m.MunitId, StringComparer.Ordinal).Select(m =>
            $"{m.MunitId}:{m.State}:{m.Stations}:{m.Downlinks}:{m.Bitrate}:{string.Join(',', m.Rooms.Order(StringComparer.Ordinal))}:{string.Join(',', m.Forwards.Order(StringComparer.Ordinal))}"));
}
