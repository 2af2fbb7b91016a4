using Microsoft.Extensions.Time.Testing;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Scaling;

namespace Tributary.Fleet.Tests.Scaling;

public sealed class AutoscalerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    // Defaults: 100 stations, 300 downlinks, 1 Gb/s per munit; out above 0.75, in below 0.4, target 0.6, cool-down 10 min.
    private static MunitSnapshot Munit(string id, int downlinks = 0, int stations = 0, MunitState state = MunitState.Active) =>
        new(id, state, stations, downlinks, 0);

    private Autoscaler Scaler(Action<FleetOptions>? configure = null)
    {
        var options = new FleetOptions();
        configure?.Invoke(options);
        return new Autoscaler(options, _clock);
    }

    [Fact]
    public void Load_above_the_scale_out_threshold_starts_munits_toward_the_target_utilisation()
    {
        // 2 munits at 90 % = 1.8 munits of demand; 1.8 / 0.6 = 3 munits.
        var plan = Scaler().Decide([Munit("a", downlinks: 270), Munit("b", downlinks: 270)]);

        Assert.Equal(1, plan.Start);
        Assert.Equal(3, plan.Desired);
        Assert.Equal(0.9, plan.Utilisation, 3);
        Assert.Empty(plan.Drain);
    }

    [Fact]
    public void Load_between_the_thresholds_changes_nothing()
    {
        var plan = Scaler().Decide([Munit("a", downlinks: 180), Munit("b", downlinks: 180)]);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Refused_placements_scale_out_by_one_even_below_the_threshold()
    {
        MunitSnapshot[] fleet = [Munit("a", downlinks: 150), Munit("b", downlinks: 150)];

        var plan = Scaler().Decide(fleet, refusedSinceLastStep: 3);

        Assert.Equal(0.5, plan.Utilisation, 3);
        Assert.Equal(3, plan.Desired);
        Assert.Equal(1, plan.Start);
    }

    [Fact]
    public void Refused_placements_at_max_munits_start_nothing()
    {
        var plan = Scaler(o => o.MaxMunits = 2).Decide([Munit("a", downlinks: 150), Munit("b", downlinks: 150)], refusedSinceLastStep: 1);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Negative_refusal_count_gives_an_invalid_plan()
    {
        var plan = Scaler().Decide([Munit("a", downlinks: 290)], refusedSinceLastStep: -1);

        Assert.Equal("refusedSinceLastStep must not be negative.", plan.Error);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Scale_out_revives_draining_munits_before_starting_new_ones()
    {
        var scaler = Scaler();

        var plan = scaler.Decide([Munit("a", downlinks: 290), Munit("b", downlinks: 290), Munit("c", downlinks: 10, state: MunitState.Draining), Munit("d", downlinks: 40, state: MunitState.Draining)]);

        // Demand (290+290+10+40)/300 = 2.1 → 4 munits; 2 active → revive both draining ones (fullest first), start none.
        Assert.Equal(["d", "c"], plan.Revive);
        Assert.Equal(0, plan.Start);
    }

    [Fact]
    public void Scale_out_never_revives_a_munit_an_operator_drained_and_starts_a_new_one_instead()
    {
        var scaler = Scaler();

        var plan = scaler.Decide([Munit("a", downlinks: 290), Munit("b", downlinks: 40, state: MunitState.Draining) with { DrainedByOperator = true }]);

        // Demand (290+40)/300 = 1.1 → 2 munits; 1 active, the draining one held by its operator → start one.
        Assert.Empty(plan.Revive);
        Assert.Equal(1, plan.Start);
    }

    [Fact]
    public void An_empty_munit_an_operator_drained_is_still_stopped()
    {
        var plan = Scaler().Decide([Munit("a", downlinks: 10), Munit("b", state: MunitState.Draining) with { DrainedByOperator = true }]);

        Assert.Equal(["b"], plan.Stop);
        Assert.Empty(plan.Revive);
    }

    [Fact]
    public void Scale_out_never_exceeds_max_munits()
    {
        var plan = Scaler(o => o.MaxMunits = 3).Decide([Munit("a", downlinks: 300), Munit("b", downlinks: 300)]);

        Assert.Equal(3, plan.Desired);
        Assert.Equal(1, plan.Start);
    }

    [Fact]
    public void Empty_fleet_starts_the_minimum()
    {
        var plan = Scaler(o => o.MinMunits = 2).Decide([]);

        Assert.Equal(2, plan.Start);
    }

    [Fact]
    public async Task Started_munits_count_as_capacity_until_they_report_or_time_out()
    {
        var scaler = Scaler();
        var provider = new RecordingProvider();
        var fleet = new[] { Munit("a", downlinks: 270), Munit("b", downlinks: 270) };

        var started = await scaler.ApplyAsync(scaler.Decide(fleet), provider);
        Assert.Equal(["new1"], started);
        Assert.Equal(1, scaler.Starting);

        // Same load, the new munit has not reported yet: 1.8 / 3 = 0.6, nothing more to start.
        Assert.Equal(0, scaler.Decide(fleet).Start);

        // It never reports: after the start timeout it no longer counts, and another is started.
        _clock.Advance(new FleetOptions().StartTimeout);
        Assert.Equal(1, scaler.Decide(fleet).Start);
        Assert.Equal(0, scaler.Starting);
    }

    [Fact]
    public async Task Started_munit_stops_counting_as_starting_once_it_reports()
    {
        var scaler = Scaler();
        var provider = new RecordingProvider();
        await scaler.ApplyAsync(scaler.Decide([Munit("a", downlinks: 270), Munit("b", downlinks: 270)]), provider);

        var plan = scaler.Decide([Munit("a", downlinks: 270), Munit("b", downlinks: 270), Munit("new1")]);

        Assert.Equal(0, scaler.Starting);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Scale_in_waits_for_the_cool_down_then_drains_the_emptiest_munits()
    {
        var scaler = Scaler();
        // Demand (60+30+0+30)/300 = 0.4 munits over 4 = 0.1 utilisation; desired max(ceil(0.4/0.6), 1) = 1.
        MunitSnapshot[] fleet = [Munit("a", downlinks: 60), Munit("b", downlinks: 30), Munit("c"), Munit("d", downlinks: 30)];

        Assert.True(scaler.Decide(fleet).IsEmpty);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(scaler.Decide(fleet).IsEmpty);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var plan = scaler.Decide(fleet);

        Assert.Equal(["c", "b", "d"], plan.Drain);
        Assert.Equal(0, plan.Start);
        Assert.Equal(1, plan.Desired);
    }

    [Fact]
    public void Scale_in_with_a_provider_order_drains_the_munits_it_can_stop_first_even_when_they_are_fuller()
    {
        // A StatefulSet shrinks from its highest ordinal: draining the emptiest pod (media-0) would never let it stop.
        var order = Comparer<string>.Create((x, y) => string.CompareOrdinal(y, x));
        var scaler = new Autoscaler(new FleetOptions(), _clock, scaleInOrder: order);
        MunitSnapshot[] fleet = [Munit("media-0"), Munit("media-1", downlinks: 30), Munit("media-2", downlinks: 60), Munit("media-3", downlinks: 30)];

        Assert.True(scaler.Decide(fleet).IsEmpty);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var plan = scaler.Decide(fleet);

        Assert.Equal(["media-3", "media-2", "media-1"], plan.Drain);
    }

    [Fact]
    public void Load_rising_above_the_scale_in_threshold_restarts_the_cool_down()
    {
        var scaler = Scaler();
        MunitSnapshot[] low = [Munit("a", downlinks: 30), Munit("b", downlinks: 30)];
        MunitSnapshot[] middle = [Munit("a", downlinks: 150), Munit("b", downlinks: 150)];

        scaler.Decide(low);
        _clock.Advance(TimeSpan.FromMinutes(8));
        Assert.True(scaler.Decide(middle).IsEmpty);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(scaler.Decide(low).IsEmpty);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(scaler.Decide(low).IsEmpty);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["a"], scaler.Decide(low).Drain);
    }

    [Fact]
    public void Scale_in_never_goes_below_min_munits()
    {
        var scaler = Scaler(o => o.MinMunits = 3);
        MunitSnapshot[] idle = [Munit("a"), Munit("b"), Munit("c")];

        scaler.Decide(idle);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.True(scaler.Decide(idle).IsEmpty);
    }

    [Fact]
    public void Scale_in_keeps_enough_munits_for_the_running_stations()
    {
        // 150 stations on 4 munits (bit rate and downlinks idle): demand 1.5 munits, utilisation 0.375.
        var scaler = Scaler(o => (o.ScaleInBelow, o.TargetUtilisation, o.ScaleOutAbove) = (0.7, 0.8, 0.9));
        MunitSnapshot[] fleet = [Munit("a", stations: 60), Munit("b", stations: 40), Munit("c", stations: 30), Munit("d", stations: 20)];

        scaler.Decide(fleet);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var plan = scaler.Decide(fleet);

        Assert.Equal(2, plan.Desired);
        Assert.Equal(["d", "c"], plan.Drain);
        var remaining = fleet.Where(m => !plan.Drain.Contains(m.MunitId)).ToList();
        Assert.True(remaining.Count * new FleetOptions().MaxStations >= fleet.Sum(m => m.Stations));
    }

    [Fact]
    public void Scale_in_does_not_drain_when_the_stations_need_every_munit()
    {
        var scaler = Scaler(o => (o.ScaleInBelow, o.TargetUtilisation, o.ScaleOutAbove) = (0.7, 0.8, 0.9));
        MunitSnapshot[] fleet = [Munit("a", stations: 80), Munit("b", stations: 80), Munit("c", stations: 50), Munit("d", stations: 40)];

        scaler.Decide(fleet);
        _clock.Advance(TimeSpan.FromHours(1));
        var plan = scaler.Decide(fleet);

        Assert.Equal(4, plan.Desired);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Draining_munit_is_stopped_once_it_is_empty()
    {
        var scaler = Scaler();
        var plan = scaler.Decide([Munit("a", downlinks: 150), Munit("b", downlinks: 150), Munit("c", state: MunitState.Draining)]);

        Assert.Equal(["c"], plan.Stop);
        // The stop is asked for once, even while the registry still lists the munit.
        Assert.Empty(scaler.Decide([Munit("a", downlinks: 150), Munit("b", downlinks: 150), Munit("c", state: MunitState.Draining)]).Stop);
    }

    [Fact]
    public void Draining_munit_with_sessions_is_stopped_at_the_drain_deadline()
    {
        var scaler = Scaler();
        MunitSnapshot[] fleet = [Munit("a", downlinks: 150), Munit("b", downlinks: 150), Munit("c", downlinks: 5, state: MunitState.Draining)];

        Assert.Empty(scaler.Decide(fleet).Stop);
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty(scaler.Decide(fleet).Stop);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["c"], scaler.Decide(fleet).Stop);
    }

    [Fact]
    public async Task Dead_munit_is_stopped_and_replaced()
    {
        var scaler = Scaler();
        var provider = new RecordingProvider();

        var plan = scaler.Decide([Munit("a", downlinks: 250), Munit("b", state: MunitState.Dead)]);
        await scaler.ApplyAsync(plan, provider);

        Assert.Equal(["b"], plan.Stop);
        Assert.Equal(1, plan.Start);
        Assert.Equal(["b"], provider.Stopped);
        Assert.Equal(["new1"], provider.Started);
    }

    [Fact]
    public void Malformed_snapshots_give_an_invalid_plan_and_change_nothing()
    {
        var scaler = Scaler();
        MunitSnapshot[] low = [Munit("a", downlinks: 30), Munit("b", downlinks: 30)];
        scaler.Decide(low);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var plan = scaler.Decide([Munit("a"), Munit("a")]);

        Assert.Equal("munit 'a' appears twice.", plan.Error);
        Assert.True(plan.IsEmpty);
        // The cool-down that ran before the bad input still holds: the next good step scales in.
        Assert.Equal(["a"], scaler.Decide(low).Drain);
    }

    [Fact]
    public async Task Provider_without_a_free_slot_or_failing_does_not_stop_the_rest_of_the_plan()
    {
        var scaler = Scaler();
        var plan = new ScalingPlan(3, 1, 5, Start: 3, Revive: [], Drain: [], Stop: ["x"]);

        var full = new RecordingProvider { Slots = 1 };
        Assert.Equal(["new1"], await scaler.ApplyAsync(plan, full));
        Assert.Equal(["x"], full.Stopped);

        var failing = new RecordingProvider { FailStarts = true };
        Assert.Empty(await scaler.ApplyAsync(plan, failing));
        Assert.Equal(["x"], failing.Stopped);
    }
}
