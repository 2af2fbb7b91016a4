using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tributary.Fleet.Placement;

namespace Tributary.Fleet.Scaling;

/// <summary>
/// Sizes the munit fleet from its load. Each <see cref="Decide"/> step looks at every munit and answers with a
/// <see cref="ScalingPlan"/>: scale out (revive draining munits first — never one an operator drained, see
/// <see cref="MunitSnapshot.DrainedByOperator"/> —, then start new ones) when utilisation is above
/// <see cref="FleetOptions.ScaleOutAbove"/>; scale in (drain the emptiest active munits) when it has stayed below
/// <see cref="FleetOptions.ScaleInBelow"/> for <see cref="FleetOptions.ScaleInCoolDown"/>; stop a draining munit once it
/// is empty or past <see cref="FleetOptions.DrainDeadline"/>, and stop dead ones. The fleet never goes below
/// <see cref="FleetOptions.MinMunits"/> or what the running stations need, nor above <see cref="FleetOptions.MaxMunits"/>.
/// The caller applies drains and revives to its registry; <see cref="ApplyAsync"/> applies starts and stops through an
/// <see cref="IMunitProvider"/>. One owner calls it (not thread-safe).
/// </summary>
public sealed partial class Autoscaler
{
    private readonly FleetOptions _options;
    private readonly MunitCapacityLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IComparer<string>? _scaleInOrder;
    private readonly Dictionary<string, DateTimeOffset> _drainingSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _starting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopIssued = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastStep;
    private DateTimeOffset? _belowSince;

    /// <summary>An autoscaler with the given settings and clock.</summary>
    /// <param name="options">The fleet's settings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Where its decisions are logged.</param>
    /// <param name="scaleInOrder">The provider's <see cref="IMunitProvider.ScaleInOrder"/>: munits to drain first.</param>
    public Autoscaler(FleetOptions options, TimeProvider timeProvider, ILogger<Autoscaler>? logger = null, IComparer<string>? scaleInOrder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _limits = MunitCapacityLimits.From(options);
        _time = timeProvider;
        _logger = logger ?? NullLogger<Autoscaler>.Instance;
        _scaleInOrder = scaleInOrder;
    }

    /// <summary>Munits started through <see cref="ApplyAsync"/> that have not reported yet (nor timed out).</summary>
    public int Starting => _starting.Count;

    /// <summary>Decides one step from every munit's snapshot and remembers what it decided (drain clocks, cool-down).</summary>
    /// <param name="munits">Every munit the registry knows, in any state.</param>
    /// <param name="refusedSinceLastStep">
    /// Stations or downlinks placement refused (<see cref="PlacementOutcome.NoCapacity"/>) since the previous step. Any
    /// refusal scales out by at least one munit even below <see cref="FleetOptions.ScaleOutAbove"/>: the fleet can be
    /// fragmented (no single munit fits) or growing faster than the threshold's headroom.
    /// </param>
    public ScalingPlan Decide(IReadOnlyList<MunitSnapshot> munits, int refusedSinceLastStep = 0)
    {
        if (refusedSinceLastStep < 0)
        {
            LogInvalid(_logger, "refusedSinceLastStep is negative.");
            return ScalingPlan.Invalid("refusedSinceLastStep must not be negative.");
        }

        if (PlacementPolicy.Problem(munits) is { } problem)
        {
            LogInvalid(_logger, problem);
            return ScalingPlan.Invalid(problem);
        }

        var now = _time.GetUtcNow();
        var known = new HashSet<string>(munits.Select(m => m.MunitId), StringComparer.Ordinal);
        foreach (var id in _starting.Where(s => known.Contains(s.Key) || now - s.Value >= _options.StartTimeout).Select(s => s.Key).ToList())
        {
            _starting.Remove(id);
        }

        _stopIssued.IntersectWith(known);
        foreach (var id in _drainingSince.Keys.Where(id => !known.Contains(id)).ToList())
        {
            _drainingSince.Remove(id);
        }

        var stop = new List<string>();
        var active = new List<MunitSnapshot>();
        var draining = new List<MunitSnapshot>();
        long stations = 0, downlinks = 0, bitrate = 0;
        foreach (var munit in munits)
        {
            switch (munit.State)
            {
                case MunitState.Dead:
                    _drainingSince.Remove(munit.MunitId);
                    if (_stopIssued.Add(munit.MunitId))
                    {
                        stop.Add(munit.MunitId);
                        LogStopping(_logger, munit.MunitId, "dead");
                    }

                    continue;
                case MunitState.Draining:
                    var since = _drainingSince.TryGetValue(munit.MunitId, out var s) ? s : _drainingSince[munit.MunitId] = now;
                    if (munit.IsEmpty || now - since >= _options.DrainDeadline)
                    {
                        if (_stopIssued.Add(munit.MunitId))
                        {
                            stop.Add(munit.MunitId);
                            LogStopping(_logger, munit.MunitId, munit.IsEmpty ? "drained" : "drain deadline passed");
                        }

                        continue;
                    }

                    draining.Add(munit);
                    break;
                default:
                    _drainingSince.Remove(munit.MunitId);
                    active.Add(munit);
                    break;
            }

            stations += munit.Stations;
            downlinks += munit.Downlinks;
            bitrate += munit.Bitrate;
        }

        var demand = Math.Max(Math.Max((double)stations / _limits.MaxStations, (double)downlinks / _limits.MaxDownlinks), (double)bitrate / _limits.MaxBitrate);
        var neededByStations = (int)Math.Min(int.MaxValue, (stations + _limits.MaxStations - 1) / _limits.MaxStations);
        var capacity = active.Count + _starting.Count;
        var utilisation = capacity == 0 ? (demand > 0 ? double.PositiveInfinity : 0) : demand / capacity;
        // The small epsilon keeps 1.8 / 0.6 (3.0000000000000004 in doubles) at 3 munits.
        var wanted = Math.Max(Math.Max((int)Math.Min(int.MaxValue, Math.Ceiling((demand / _options.TargetUtilisation) - 1e-9)), neededByStations), _options.MinMunits);
        if (refusedSinceLastStep > 0)
        {
            wanted = Math.Max(wanted, capacity + 1);
        }

        var desired = Math.Min(wanted, _options.MaxMunits);

        var revive = new List<string>();
        var drain = new List<string>();
        var start = 0;
        if ((utilisation > _options.ScaleOutAbove || capacity < _options.MinMunits || refusedSinceLastStep > 0) && desired > capacity)
        {
            var missing = desired - capacity;
            // Fullest draining munits first: they hold the most sessions that would otherwise move. A munit an operator
            // drained stays drained (maintenance, a bad host): only the operator revives it.
            foreach (var munit in draining.Where(m => !m.DrainedByOperator).OrderByDescending(Load).ThenBy(m => m.MunitId, StringComparer.Ordinal).Take(missing))
            {
                revive.Add(munit.MunitId);
                _drainingSince.Remove(munit.MunitId);
            }

            var running = active.Count + draining.Count + _starting.Count;
            start = Math.Max(0, Math.Min(missing - revive.Count, _options.MaxMunits - running));
            _lastStep = now;
            _belowSince = null;
            if (revive.Count > 0 || start > 0)
            {
                LogScaleOut(_logger, demand, utilisation, desired, revive.Count, start);
            }
        }
        else if (utilisation < _options.ScaleInBelow && _starting.Count == 0 && active.Count > desired)
        {
            _belowSince ??= now;
            if (now - _belowSince.Value >= _options.ScaleInCoolDown && (_lastStep is null || now - _lastStep.Value >= _options.ScaleInCoolDown))
            {
                var order = _scaleInOrder is null
                    ? active.OrderBy(Load)
                    : active.OrderBy(m => m.MunitId, _scaleInOrder).ThenBy(Load);
                foreach (var munit in order.ThenBy(m => m.MunitId, StringComparer.Ordinal).Take(active.Count - desired))
                {
                    drain.Add(munit.MunitId);
                    _drainingSince[munit.MunitId] = now;
                }

                _lastStep = now;
                _belowSince = null;
                LogScaleIn(_logger, demand, utilisation, desired, drain.Count);
            }
        }
        else
        {
            _belowSince = null;
        }

        return new ScalingPlan(demand, double.IsInfinity(utilisation) ? double.MaxValue : utilisation, desired, start, revive, drain, stop);
    }

    /// <summary>
    /// Starts and stops munits through <paramref name="provider"/> as <paramref name="plan"/> asks; started munits count
    /// as coming until they report. Returns the ids started. A provider failure is logged and the rest of the plan still runs.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(ScalingPlan plan, IMunitProvider provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(provider);
        var started = new List<string>();
        for (var i = 0; i < plan.Start; i++)
        {
            try
            {
                var id = await provider.StartAsync(cancellationToken).ConfigureAwait(false);
                if (id is null)
                {
                    LogNoSlot(_logger, provider.Name);
                    break;
                }

                _starting[id] = _time.GetUtcNow();
                started.Add(id);
                LogStarted(_logger, provider.Name, id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogProviderFailed(_logger, provider.Name, "start", e);
            }
        }

        foreach (var id in plan.Stop)
        {
            try
            {
                await provider.StopAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogProviderFailed(_logger, provider.Name, "stop", e);
            }
        }

        return started;
    }

    private double Load(MunitSnapshot munit) => _limits.Utilisation(munit.Stations, munit.Downlinks, munit.Bitrate);
}
