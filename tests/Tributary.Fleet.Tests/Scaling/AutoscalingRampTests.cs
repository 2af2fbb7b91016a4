using Microsoft.Extensions.Time.Testing;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Scaling;

namespace Tributary.Fleet.Tests.Scaling;

/// <summary>
/// Placement and the autoscaler together over simulated hours (<see cref="FakeTimeProvider"/>, a step per minute): a
/// provider's munits join the table one step after they are started, rooms are placed through the table.
/// </summary>
public sealed class AutoscalingRampTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FleetOptions _options = new() { MinMunits = 1, MaxMunits = 50 };
    private readonly PlacementTable _table;
    private readonly Autoscaler _autoscaler;
    private readonly RecordingProvider _provider = new();
    private readonly List<string> _joining = [];
    private readonly Queue<(string Room, string Munit, List<DownlinkPlacement> Downlinks)> _rooms = new();
    private readonly List<MunitSnapshot> _stoppedWhen = [];
    private int _refused;
    private int _nextRoom;

    public AutoscalingRampTests()
    {
        _table = new PlacementTable(MunitCapacityLimits.From(_options));
        _autoscaler = new Autoscaler(_options, _clock);
        _table.Add("seed");
    }

    [Fact]
    public async Task Load_ramp_adds_munits_without_refusing_a_room_and_the_fall_drains_and_stops_them()
    {
        // Ramp: rooms (a publisher and 5 viewers each) arrive faster every minute, 2 + minute / 3 a minute, for an hour:
        // 690 rooms, 3,450 downlinks. The growth per minute stays within the headroom the scale-out threshold leaves
        // (a quarter of the fleet) for the one minute a new munit needs to join.
        for (var minute = 0; minute < 60; minute++)
        {
            for (var i = 0; i < 2 + (minute / 3); i++)
            {
                Arrive(viewers: 5);
            }

            await StepAsync();
        }

        var peak = _table.Count;
        Assert.Equal(0, _refused);
        Assert.True(peak >= 3_450 / _options.MaxDownlinks, $"only {peak} munits for 3,450 downlinks");
        Assert.All(_table.Snapshot(), m => Assert.True(m.Downlinks <= _options.MaxDownlinks));

        // Fall: every room ends over the next hour, then two quiet hours.
        while (_rooms.Count > 0)
        {
            for (var i = 0; i < 20 && _rooms.Count > 0; i++)
            {
                Leave();
            }

            await StepAsync();
        }

        for (var minute = 0; minute < 120; minute++)
        {
            await StepAsync();
        }

        Assert.Equal(_options.MinMunits, _table.Count);
        Assert.Equal(MunitState.Active, _table.StateOf(_table.Snapshot().Single().MunitId));
        Assert.NotEmpty(_stoppedWhen);
        // Scale-in drained first: every munit was draining and empty when it was stopped.
        Assert.All(_stoppedWhen, m => Assert.True(m.State == MunitState.Draining && m.IsEmpty, $"{m.MunitId} stopped as {m}"));
        Assert.Equal(_provider.Started.Count + 1 - _options.MinMunits, _provider.Stopped.Count);
    }

    private void Arrive(int viewers)
    {
        var room = $"room{++_nextRoom}";
        var station = _table.PlaceStation(room);
        if (station.Outcome != PlacementOutcome.Placed)
        {
            _refused++;
            return;
        }

        _table.AddStation(station.MunitId!, room);
        var downlinks = new List<DownlinkPlacement>();
        for (var v = 0; v < viewers; v++)
        {
            var downlink = _table.PlaceDownlink(station.MunitId!, room);
            Assert.Equal(PlacementOutcome.Placed, downlink.Outcome);
            _table.AddDownlink(downlink.MunitId!, downlink.IsCascade ? room : null);
            downlinks.Add(downlink);
        }

        _rooms.Enqueue((room, station.MunitId!, downlinks));
    }

    private void Leave()
    {
        var (room, munit, downlinks) = _rooms.Dequeue();
        foreach (var downlink in downlinks)
        {
            Assert.True(_table.RemoveDownlink(downlink.MunitId!, downlink.IsCascade ? room : null));
        }

        Assert.True(_table.RemoveStation(munit, room));
    }

    private async Task StepAsync()
    {
        foreach (var id in _joining)
        {
            _table.Add(id);
        }

        _joining.Clear();
        var plan = _autoscaler.Decide(_table.Snapshot());
        Assert.Null(plan.Error);
        foreach (var id in plan.Revive)
        {
            _table.SetState(id, MunitState.Active);
        }

        foreach (var id in plan.Drain)
        {
            _table.SetState(id, MunitState.Draining);
        }

        var snapshot = _table.Snapshot();
        foreach (var id in plan.Stop)
        {
            _stoppedWhen.Add(snapshot.Single(m => m.MunitId == id) with { Rooms = [], Forwards = [] });
            _table.Remove(id);
        }

        _joining.AddRange(await _autoscaler.ApplyAsync(plan, _provider));
        _clock.Advance(TimeSpan.FromMinutes(1));
    }
}
