using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Tributary.Fleet;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Scaling;

namespace Tributary.Bench.Fleet;

/// <summary>
/// A simulated day (no media): rooms arrive and leave so that concurrent sessions follow <see cref="DayCurve"/> up to
/// the peak; every station and viewer downlink is placed through <see cref="PlacementTable"/>, and the
/// <see cref="Autoscaler"/> (default settings, <see cref="FakeTimeProvider"/> advanced a minute per step) sizes the
/// fleet through a simulated provider whose munits come up one step after being started.
/// </summary>
internal sealed class DaySimulation
{
    private readonly FleetOptions _options;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PlacementTable _table;
    private readonly Autoscaler _autoscaler;
    private readonly Random _random = new(7);
    private readonly PriorityQueue<Room, long> _endings = new();
    private readonly List<string> _coming = [];
    private int _nextMunit;
    private long _nextRoom;
    private long _sessions;
    private long _liveRooms;
    private int _refusedThisStep;

    public DaySimulation(FleetOptions options)
    {
        _options = options;
        _table = new PlacementTable(MunitCapacityLimits.From(options));
        _autoscaler = new Autoscaler(options, _clock);
    }

    public long RoomsRefused { get; private set; }

    public long ViewersRefused { get; private set; }

    public long RoomsStarted { get; private set; }

    public long Downlinks { get; private set; }

    public long CascadedDownlinks { get; private set; }

    public long ForwardsCreated { get; private set; }

    public long SessionsCutAtDrainDeadline { get; private set; }

    public int MunitsStarted { get; private set; }

    public int MunitsStopped { get; private set; }

    public int PeakMunits { get; private set; }

    public long PeakSessions { get; private set; }

    /// <summary>The counted minutes of the last <see cref="Run"/>.</summary>
    public List<DayMinute> Minutes { get; } = [];

    public double MunitHours { get; private set; }

    public double IdealMunitHours { get; private set; }

    public void Run(long peakSessions, double meanRoomMinutes, string csvPath)
    {
        var csv = new StringBuilder("minute,target_sessions,sessions,rooms,active_munits,draining_munits,starting_munits,demand_munits,rooms_refused,forwards_created\n");
        // One warm-up hour (not counted) ramps from nothing to the curve's midnight level, so the day starts with a sized fleet.
        const int WarmUp = 60;
        for (var minute = -WarmUp; minute < 24 * 60; minute++)
        {
            var counted = minute >= 0;
            var now = _clock.GetUtcNow().Ticks;
            while (_endings.TryPeek(out var ending, out var at) && at <= now)
            {
                _endings.Dequeue();
                End(ending);
            }

            foreach (var id in _coming)
            {
                _table.Add(id);
            }

            _coming.Clear();

            var target = (long)(peakSessions * DayCurve.At(Math.Max(0, minute) / 60.0) * (counted ? 1 : (minute + WarmUp + 1) / (double)WarmUp));
            while (_sessions < target && Arrive(meanRoomMinutes, counted))
            {
            }

            var plan = _autoscaler.Decide(_table.Snapshot(), _refusedThisStep);
            _refusedThisStep = 0;
            foreach (var id in plan.Revive)
            {
                _table.SetState(id, MunitState.Active);
            }

            foreach (var id in plan.Drain)
            {
                _table.SetState(id, MunitState.Draining);
            }

            foreach (var id in plan.Stop)
            {
                var stopped = _table.Snapshot().First(m => m.MunitId == id);
                if (counted)
                {
                    SessionsCutAtDrainDeadline += stopped.Stations + stopped.Downlinks;
                }

                _table.Remove(id);
                MunitsStopped++;
            }

            _autoscaler.ApplyAsync(plan with { Stop = [] }, new Provider(this)).GetAwaiter().GetResult();
            var snapshot = _table.Snapshot();
            var active = snapshot.Count(m => m.State == MunitState.Active);
            var draining = snapshot.Count(m => m.State == MunitState.Draining);
            if (counted)
            {
                MunitHours += (active + draining) / 60.0;
                IdealMunitHours += plan.Demand / 60.0;
                PeakMunits = Math.Max(PeakMunits, active + draining);
                PeakSessions = Math.Max(PeakSessions, _sessions);
                Minutes.Add(new DayMinute(minute, target, _sessions, active + draining, plan.Demand));
                csv.Append(CultureInfo.InvariantCulture, $"{minute},{target},{_sessions},{_liveRooms},{active},{draining},{_autoscaler.Starting},{plan.Demand:F3},{RoomsRefused},{ForwardsCreated}\n");
            }

            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        File.WriteAllText(csvPath, csv.ToString());
    }

    /// <summary>Places one room with its viewers; false when the room was refused (the rest of this minute's arrivals retry next minute).</summary>
    private bool Arrive(double meanRoomMinutes, bool counted)
    {
        var roomId = $"r{++_nextRoom}";
        var viewers = ViewerCount();
        var station = _table.PlaceStation(roomId);
        if (station.Outcome != PlacementOutcome.Placed)
        {
            _refusedThisStep++;
            if (counted)
            {
                RoomsRefused++;
            }

            return false;
        }

        var origin = station.MunitId!;
        _table.AddStation(origin, roomId);
        var downlinks = new Dictionary<(string Munit, bool Forwarded), int>();
        // Viewers arriving together are placed in batches: each decision fills its munit as far as the viewers need
        // (exactly what one decision per viewer gives, since the next viewer goes to the same munit until it is full).
        var placed = 0;
        var remaining = viewers;
        while (remaining > 0)
        {
            var downlink = _table.PlaceDownlink(origin, roomId);
            if (downlink.Outcome != PlacementOutcome.Placed)
            {
                _refusedThisStep++;
                if (counted)
                {
                    ViewersRefused += remaining;
                }

                break;
            }

            var count = Math.Min(remaining, _table.DownlinkHeadroom(downlink.MunitId!));
            _table.AddDownlinks(downlink.MunitId!, count, downlink.IsCascade ? roomId : null);
            var key = (downlink.MunitId!, downlink.IsCascade);
            downlinks[key] = downlinks.GetValueOrDefault(key) + count;
            placed += count;
            remaining -= count;
            if (counted)
            {
                Downlinks += count;
                if (downlink.IsCascade)
                {
                    CascadedDownlinks += count;
                }

                if (downlink.Route == DownlinkRoute.NewForward)
                {
                    ForwardsCreated++;
                }
            }
        }

        if (counted)
        {
            RoomsStarted++;
        }

        var size = 1 + placed;
        _sessions += size;
        _liveRooms++;
        var minutes = -meanRoomMinutes * Math.Log(1 - _random.NextDouble());
        _endings.Enqueue(new Room(roomId, origin, downlinks, size), _clock.GetUtcNow().AddMinutes(Math.Max(1, minutes)).Ticks);
        return true;
    }

    private void End(Room room)
    {
        _sessions -= room.Sessions;
        _liveRooms--;
        foreach (var ((munit, forwarded), count) in room.Downlinks)
        {
            _table.RemoveDownlinks(munit, count, forwarded ? room.Id : null);
        }

        _table.RemoveStation(room.Origin, room.Id);
    }

    /// <summary>Most rooms are small, a few are large: 85 % 0–4 viewers, 14 % 5–49, 1 % 50–999 (mean ≈ 8.7 viewers).</summary>
    private int ViewerCount()
    {
        var p = _random.NextDouble();
        return p < 0.85 ? _random.Next(0, 5) : p < 0.99 ? _random.Next(5, 50) : _random.Next(50, 1000);
    }

    private sealed record Room(string Id, string Origin, Dictionary<(string Munit, bool Forwarded), int> Downlinks, long Sessions);

    /// <summary>Starts munits that join the table at the next step; stops are applied by the simulation itself.</summary>
    private sealed class Provider(DaySimulation simulation) : IMunitProvider
    {
        public string Name => "simulated";

        public Task<string?> StartAsync(CancellationToken cancellationToken)
        {
            var id = $"sim-{++simulation._nextMunit:D5}";
            simulation._coming.Add(id);
            simulation.MunitsStarted++;
            return Task.FromResult<string?>(id);
        }

        public Task<bool> StopAsync(string munitId, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    public static void Report(long peakSessions, double meanRoomMinutes, int maxMunits)
    {
        var options = new FleetOptions { MaxMunits = maxMunits, MinMunits = 2 };
        var simulation = new DaySimulation(options);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tributary-bench-fleet")).FullName;
        var csvPath = Path.Combine(folder, "day.csv");
        var watch = Stopwatch.StartNew();
        simulation.Run(peakSessions, meanRoomMinutes, csvPath);
        watch.Stop();
        var pngPath = Path.Combine(folder, "day.png");
        DayPlot.Save(simulation.Minutes, options.TargetUtilisation, pngPath);

        Console.WriteLine();
        Console.WriteLine($"Simulated day: peak {peakSessions:N0} concurrent sessions, rooms of mean {meanRoomMinutes} min, default Fleet options (MinMunits 2, MaxMunits {maxMunits:N0}); wall time {watch.Elapsed.TotalSeconds:N1} s.");
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| peak concurrent sessions reached | {simulation.PeakSessions:N0} |");
        Console.WriteLine($"| rooms started / refused | {simulation.RoomsStarted:N0} / {simulation.RoomsRefused:N0} |");
        Console.WriteLine($"| viewer downlinks placed / refused | {simulation.Downlinks:N0} / {simulation.ViewersRefused:N0} |");
        Console.WriteLine($"| downlinks served through a cascade | {simulation.CascadedDownlinks:N0} ({100.0 * simulation.CascadedDownlinks / Math.Max(1, simulation.Downlinks):N2} %) |");
        Console.WriteLine($"| forwards created (publish_remotely) | {simulation.ForwardsCreated:N0} |");
        Console.WriteLine($"| munits started / stopped, peak fleet | {simulation.MunitsStarted:N0} / {simulation.MunitsStopped:N0}, {simulation.PeakMunits:N0} |");
        Console.WriteLine($"| sessions cut at the drain deadline | {simulation.SessionsCutAtDrainDeadline:N0} |");
        Console.WriteLine($"| munit-hours: autoscaler / ideal (load ÷ capacity) | {simulation.MunitHours:N0} / {simulation.IdealMunitHours:N0} = {simulation.MunitHours / simulation.IdealMunitHours:N2}× |");
        Console.WriteLine($"| munit-hours against the ideal at the target utilisation ({options.TargetUtilisation}) | {simulation.MunitHours * options.TargetUtilisation / simulation.IdealMunitHours:N2}× |");
        Console.WriteLine();
        Console.WriteLine($"Per-minute series: {csvPath}; plot: {pngPath}");
    }
}
