using System.Diagnostics.Metrics;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Registry;

namespace Tributary.Fleet.Control;

/// <summary>
/// Meter <c>Tributary.Fleet</c> (on <c>/metrics</c>): munits by state (as of the control role's last sweep),
/// station placements, refusals, recoveries, RESTART signals and scale events. Placements are counted where the
/// registry grain runs (normally the control node).
/// </summary>
public sealed class FleetMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Tributary.Fleet";

    private readonly Counter<long> _placements;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _recoveries;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _scaleEvents;
    private readonly Counter<long> _cascades;
    private volatile IReadOnlyList<MunitView> _munits = [];

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public FleetMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _placements = meter.CreateCounter<long>("tributary.fleet.placements", "{station}", "Stations placed on a munit (tag affinity: placed beside a station of the same room).");
        _refusals = meter.CreateCounter<long>("tributary.fleet.placement_refusals", "{station}", "Stations refused: no active munit had room.");
        _recoveries = meter.CreateCounter<long>("tributary.fleet.recoveries", "{station}", "Stations re-placed because their munit died or was stopped (tag outcome: placed or lost).");
        _restarts = meter.CreateCounter<long>("tributary.fleet.restarts", "{stream}", "Publisher streams announced with RESTART to their room.");
        _scaleEvents = meter.CreateCounter<long>("tributary.fleet.scale_events", "{event}", "Autoscaler actions (tag action: start, stop, drain, revive).");
        _cascades = meter.CreateCounter<long>("tributary.fleet.cascades", "{forward}", "Forwards of a publisher's station to another munit (cascading; tag event: created, removed).");
        meter.CreateObservableGauge("tributary.fleet.munits", ObserveMunits, "{munit}", "Munits by state (active, draining, dead; stopped munits count under stopped).");
    }

    /// <summary>Records the munits seen by the latest sweep.</summary>
    public void SetMunits(IReadOnlyList<MunitView> munits) => _munits = munits;

    /// <summary>A station placed.</summary>
    public void Placed(bool byAffinity) => _placements.Add(1, new KeyValuePair<string, object?>("affinity", byAffinity));

    /// <summary>A station refused for lack of capacity.</summary>
    public void Refused() => _refusals.Add(1);

    /// <summary>A station of a lost munit re-placed (or lost for lack of capacity).</summary>
    public void Recovered(bool placed) => _recoveries.Add(1, new KeyValuePair<string, object?>("outcome", placed ? "placed" : "lost"));

    /// <summary>Streams announced with RESTART.</summary>
    public void Restarted(int streams) => _restarts.Add(streams);

    /// <summary>An autoscaler action.</summary>
    public void Scaled(string action, int count = 1)
    {
        if (count > 0)
        {
            _scaleEvents.Add(count, new KeyValuePair<string, object?>("action", action));
        }
    }

    /// <summary>A forward created (its first viewer) or removed (its last viewer left, an end died, or the room ended).</summary>
    public void Cascade(bool created, int count = 1)
    {
        if (count > 0)
        {
            _cascades.Add(count, new KeyValuePair<string, object?>("event", created ? "created" : "removed"));
        }
    }

    private IEnumerable<Measurement<int>> ObserveMunits()
    {
        var munits = _munits;
        string[] states = ["active", "draining", "dead", "stopped"];
        foreach (var state in states)
        {
            var count = munits.Count(m => StateName(m) == state);
            yield return new Measurement<int>(count, new KeyValuePair<string, object?>("state", state));
        }
    }

    private static string StateName(MunitView munit) =>
        munit.Lifecycle == MunitLifecycle.Stopped ? "stopped"
        : munit.State switch
        {
            MunitState.Active => "active",
            MunitState.Draining => "draining",
            _ => "dead",
        };
}
