using Tributary.Fleet.Placement;
using static Tributary.Fleet.Tests.Placement.Fleets;

namespace Tributary.Fleet.Tests.Placement;

public sealed class PlacementPolicyTests
{
    [Fact]
    public void Station_goes_to_the_least_loaded_active_munit()
    {
        var placement = PlacementPolicy.PlaceStation([Munit("a", stations: 5), Munit("b", stations: 2), Munit("c", stations: 3)], "room", Limits);

        Assert.Equal(StationPlacement.On("b", byAffinity: false), placement);
    }

    [Fact]
    public void Station_of_a_room_joins_the_munit_holding_the_room_while_it_fits()
    {
        var placement = PlacementPolicy.PlaceStation([Munit("a", stations: 8, rooms: ["room"]), Munit("b", stations: 0)], "room", Limits);

        Assert.Equal(StationPlacement.On("a", byAffinity: true), placement);
    }

    [Fact]
    public void Station_of_a_room_whose_munit_is_full_goes_to_the_least_loaded_other_munit()
    {
        var placement = PlacementPolicy.PlaceStation([Munit("a", stations: 10, rooms: ["room"]), Munit("b", stations: 4), Munit("c", stations: 1)], "room", Limits);

        Assert.Equal(StationPlacement.On("c", byAffinity: false), placement);
    }

    [Fact]
    public void Station_of_a_room_spanning_munits_joins_the_least_loaded_of_them()
    {
        var placement = PlacementPolicy.PlaceStation([Munit("a", stations: 7, rooms: ["room"]), Munit("b", stations: 3, rooms: ["room"]), Munit("c")], "room", Limits);

        Assert.Equal(StationPlacement.On("b", byAffinity: true), placement);
    }

    [Fact]
    public void Station_never_goes_to_a_draining_or_dead_munit_even_with_room_affinity()
    {
        var placement = PlacementPolicy.PlaceStation(
            [Munit("a", state: MunitState.Draining, rooms: ["room"]), Munit("b", state: MunitState.Dead, rooms: ["room"]), Munit("c", stations: 9)],
            "room",
            Limits);

        Assert.Equal(StationPlacement.On("c", byAffinity: false), placement);
    }

    [Fact]
    public void Station_answers_no_capacity_when_every_active_munit_is_full()
    {
        var placement = PlacementPolicy.PlaceStation(
            [Munit("a", stations: 10), Munit("b", stations: 1, bitrate: 99_500_000), Munit("c", state: MunitState.Draining), Munit("d", state: MunitState.Dead)],
            "room",
            Limits);

        Assert.Equal(PlacementOutcome.NoCapacity, placement.Outcome);
        Assert.Null(placement.MunitId);
    }

    [Fact]
    public void Station_answers_no_capacity_for_an_empty_fleet()
    {
        Assert.Equal(StationPlacement.NoCapacity, PlacementPolicy.PlaceStation([], "room", Limits));
    }

    [Fact]
    public void Station_load_is_the_most_used_resource_so_a_bitrate_heavy_munit_counts_as_loaded()
    {
        // a: 1/10 stations but 80 % of its bit rate; b: 5/10 stations.
        var placement = PlacementPolicy.PlaceStation([Munit("a", stations: 1, bitrate: 80_000_000), Munit("b", stations: 5)], "room", Limits);

        Assert.Equal("b", placement.MunitId);
    }

    [Fact]
    public void Station_ties_go_to_the_smaller_munit_id()
    {
        Assert.Equal("a", PlacementPolicy.PlaceStation([Munit("b"), Munit("a"), Munit("c")], "room", Limits).MunitId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Station_with_a_blank_room_is_invalid(string roomId)
    {
        var placement = PlacementPolicy.PlaceStation([Munit("a")], roomId, Limits);

        Assert.Equal(PlacementOutcome.Invalid, placement.Outcome);
        Assert.Equal("roomId is required.", placement.Error);
    }

    [Fact]
    public void Station_placement_with_a_repeated_munit_is_invalid()
    {
        var placement = PlacementPolicy.PlaceStation([Munit("a"), Munit("a", stations: 3)], "room", Limits);

        Assert.Equal(StationPlacement.Invalid("munit 'a' appears twice."), placement);
    }

    [Fact]
    public void Station_placement_with_a_negative_load_or_blank_id_or_unknown_state_is_invalid()
    {
        Assert.Equal("munit 'a' has a negative load.", PlacementPolicy.PlaceStation([Munit("a", downlinks: -1)], "room", Limits).Error);
        Assert.Equal("every munit needs an id.", PlacementPolicy.PlaceStation([Munit(" ")], "room", Limits).Error);
        Assert.Equal("munit 'a' has an unknown state.", PlacementPolicy.PlaceStation([Munit("a", state: (MunitState)42)], "room", Limits).Error);
        Assert.Equal("munits is required.", PlacementPolicy.PlaceStation(null!, "room", Limits).Error);
    }

    [Fact]
    public void Downlink_stays_on_the_publishers_munit_when_it_has_room()
    {
        var placement = PlacementPolicy.PlaceDownlink([Munit("a", downlinks: 3), Munit("b")], "a", "pub", Limits);

        Assert.Equal(DownlinkPlacement.On("a", DownlinkRoute.Local), placement);
        Assert.False(placement.IsCascade);
    }

    [Fact]
    public void Downlink_stays_on_a_draining_origin_because_its_stations_still_run()
    {
        var placement = PlacementPolicy.PlaceDownlink([Munit("a", state: MunitState.Draining), Munit("b")], "a", "pub", Limits);

        Assert.Equal(DownlinkPlacement.On("a", DownlinkRoute.Local), placement);
    }

    [Fact]
    public void Downlink_cascades_to_the_least_loaded_active_munit_when_the_origin_is_full()
    {
        var placement = PlacementPolicy.PlaceDownlink([Munit("a", downlinks: 4), Munit("b", downlinks: 2), Munit("c", downlinks: 1)], "a", "pub", Limits);

        Assert.Equal(DownlinkPlacement.On("c", DownlinkRoute.NewForward), placement);
        Assert.True(placement.IsCascade);
    }

    [Fact]
    public void Downlink_cascade_prefers_a_munit_that_already_has_the_publishers_forward()
    {
        var placement = PlacementPolicy.PlaceDownlink(
            [Munit("a", downlinks: 4), Munit("b", downlinks: 3, forwards: ["pub"]), Munit("c", downlinks: 0), Munit("d", downlinks: 0, forwards: ["other"])],
            "a",
            "pub",
            Limits);

        Assert.Equal(DownlinkPlacement.On("b", DownlinkRoute.ExistingForward), placement);
    }

    [Fact]
    public void Downlink_cascade_skips_a_full_forward_target_and_opens_a_new_forward()
    {
        var placement = PlacementPolicy.PlaceDownlink([Munit("a", downlinks: 4), Munit("b", downlinks: 4, forwards: ["pub"]), Munit("c", downlinks: 2)], "a", "pub", Limits);

        Assert.Equal(DownlinkPlacement.On("c", DownlinkRoute.NewForward), placement);
    }

    [Fact]
    public void Downlink_cascade_never_targets_a_draining_or_dead_munit()
    {
        var placement = PlacementPolicy.PlaceDownlink(
            [Munit("a", downlinks: 4), Munit("b", state: MunitState.Draining, forwards: ["pub"]), Munit("c", state: MunitState.Dead)],
            "a",
            "pub",
            Limits);

        Assert.Equal(DownlinkPlacement.NoCapacity, placement);
    }

    [Fact]
    public void Downlink_to_a_publisher_on_a_dead_munit_is_invalid()
    {
        var placement = PlacementPolicy.PlaceDownlink([Munit("a", state: MunitState.Dead), Munit("b")], "a", "pub", Limits);

        Assert.Equal(PlacementOutcome.Invalid, placement.Outcome);
        Assert.Equal("munit 'a' is dead; the publisher's station must be re-placed first.", placement.Error);
    }

    [Fact]
    public void Downlink_with_an_unknown_origin_or_blank_ids_is_invalid()
    {
        Assert.Equal("munit 'x' is unknown.", PlacementPolicy.PlaceDownlink([Munit("a")], "x", "pub", Limits).Error);
        Assert.Equal("originMunitId and publisherId are required.", PlacementPolicy.PlaceDownlink([Munit("a")], "a", "", Limits).Error);
        Assert.Equal("originMunitId and publisherId are required.", PlacementPolicy.PlaceDownlink([Munit("a")], " ", "pub", Limits).Error);
        Assert.Equal("munit 'a' appears twice.", PlacementPolicy.PlaceDownlink([Munit("a"), Munit("a")], "a", "pub", Limits).Error);
    }
}
