using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Registry;
using Tributary.Fleet.Scaling;
using Tributary.Media.Engine;
using Tributary.Rooms.Grains;

namespace Tributary.Fleet.Control;

/// <summary>
/// The control role's fleet loop, every <see cref="FleetOptions.SweepInterval"/>: sweeps the registry (dead munits'
/// stations re-placed), sends RESTART to the rooms whose stations moved, publishes the munit counts, and — with
/// <c>Fleet:Autoscale:Enabled</c> — takes one <see cref="Autoscaler"/> step: drains and revives through the
/// registry, starts and stops munits through the <see cref="IMunitProvider"/>. One step at a time.
/// </summary>
public sealed partial class FleetController(
    IGrainFactory grains,
    IOptions<FleetOptions> options,
    Autoscaler autoscaler,
    FleetMetrics metrics,
    TimeProvider time,
    ILogger<FleetController> logger,
    IMunitProvider? provider = null) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _failing;

    private IFleetGrain Fleet => grains.GetGrain<IFleetGrain>(0);

    /// <summary>One sweep (and autoscaler step when enabled); what <see cref="ExecuteAsync"/> runs each interval. Tests call it to step deterministically.</summary>
    public async Task StepAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sweep = await Fleet.SweepAsync().ConfigureAwait(false);
            metrics.SetMunits(sweep.Munits);
            foreach (var recovery in sweep.Recoveries)
            {
                await ReleaseLeftBehindAsync(recovery).ConfigureAwait(false);
                var announced = await grains.GetGrain<IRoomGrain>(recovery.RoomId).RestartStreamsAsync(recovery.PublisherSessionIds).ConfigureAwait(false);
                metrics.Restarted(announced);
                LogRestarted(logger, recovery.RoomId, announced);
            }

            foreach (var teardown in sweep.Teardowns)
            {
                await TearDownAsync(teardown).ConfigureAwait(false);
            }

            if (options.Value.Autoscale.Enabled && provider is not null)
            {
                await ScaleAsync(sweep, provider, cancellationToken).ConfigureAwait(false);
            }

            if (_failing)
            {
                _failing = false;
                LogSweepRecovered(logger);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await StepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Cluster starting or the registry's silo gone: the next tick tries again. Logged once per outage.
                if (!_failing)
                {
                    _failing = true;
                    LogSweepFailed(logger, e);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The surviving end of a forward whose other end died: the origin stops sending (<c>unpublish_remotely</c>), the
    /// target removes the remote publisher. A failure is logged and not retried (the munit is then likely dying too).
    /// </summary>
    private Task TearDownAsync(Media.Cascading.ForwardTeardown teardown) =>
        teardown.RunAsync((end, munit, failure) =>
        {
            if (failure is null)
            {
                LogForwardEndTornDown(logger, teardown.RoomId, teardown.ForwardId, end, munit.MunitId);
            }
            else
            {
                LogForwardEndTeardownFailed(logger, teardown.RoomId, teardown.ForwardId, end, munit.MunitId, failure.Message);
            }
        });

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Releases stations moved off munits that still run (Assign) there, so their Janus lets the publisher go.</summary>
    private async Task ReleaseLeftBehindAsync(StationRecovery recovery)
    {
        foreach (var left in recovery.LeftBehind ?? [])
        {
            try
            {
                await left.Munit.Engine.ReleaseSessionAsync(new MediaRoom(recovery.RoomId, AudioOnly: false), left.SessionId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The munit went away meanwhile: its Janus went with it.
                LogLeftBehindFailed(logger, recovery.RoomId, left.SessionId, left.Munit.MunitId, e);
            }
        }
    }

    private async Task ScaleAsync(FleetSweep sweep, IMunitProvider munitProvider, CancellationToken cancellationToken)
    {
        var snapshots = sweep.Munits
            .Select(m => new MunitSnapshot(m.MunitId, m.State, m.Stations, m.Downlinks ?? 0, m.Bitrate ?? 0) { DrainedByOperator = m.DrainedByOperator })
            .ToList();
        var plan = autoscaler.Decide(snapshots, sweep.Refused);
        if (plan.Error is not null || plan.IsEmpty)
        {
            return;
        }

        foreach (var id in plan.Revive)
        {
            await Fleet.ReviveAsync(id).ConfigureAwait(false);
        }

        foreach (var id in plan.Drain)
        {
            await Fleet.DrainAsync(id, byAutoscaler: true).ConfigureAwait(false);
        }

        // Out of service first (its remaining stations move and get RESTART at the next sweep), then the process.
        foreach (var id in plan.Stop)
        {
            await Fleet.StopAsync(id).ConfigureAwait(false);
        }

        var started = await autoscaler.ApplyAsync(plan, munitProvider, cancellationToken).ConfigureAwait(false);
        var registry = grains.GetGrain<Media.Munits.IMunitRegistryGrain>(Media.Munits.IMunitRegistryGrain.Key);
        foreach (var id in plan.Stop)
        {
            await registry.RemoveAsync(id).ConfigureAwait(false);
        }

        metrics.Scaled("start", started.Count);
        metrics.Scaled("revive", plan.Revive.Count);
        metrics.Scaled("drain", plan.Drain.Count);
        metrics.Scaled("stop", plan.Stop.Count);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(7035, LogLevel.Information, "Room {RoomId}: RESTART announced for {Streams} stream(s) after their munit was lost")]
    private static partial void LogRestarted(ILogger logger, string roomId, int streams);

    [LoggerMessage(7160, LogLevel.Information, "Room {RoomId}: forward {ForwardId} lost its other end; its {End} on munit {MunitId} torn down")]
    private static partial void LogForwardEndTornDown(ILogger logger, string roomId, string forwardId, string end, string munitId);

    [LoggerMessage(7161, LogLevel.Warning, "Room {RoomId}: tearing down the {End} of forward {ForwardId} on munit {MunitId} failed: {Reason}")]
    private static partial void LogForwardEndTeardownFailed(ILogger logger, string roomId, string forwardId, string end, string munitId, string reason);

    [LoggerMessage(7062, LogLevel.Warning, "Room {RoomId}: could not release the moved station of {SessionId} on munit {MunitId}")]
    private static partial void LogLeftBehindFailed(ILogger logger, string roomId, string sessionId, string munitId, Exception exception);

    [LoggerMessage(7036, LogLevel.Warning, "Fleet sweep failed; retrying every interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(7037, LogLevel.Information, "Fleet sweep works again")]
    private static partial void LogSweepRecovered(ILogger logger);
}
