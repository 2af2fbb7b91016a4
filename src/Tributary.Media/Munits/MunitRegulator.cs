using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Media.Janus;
using Tributary.Media.Processes;

namespace Tributary.Media.Munits;

/// <summary>
/// The media role's regulator: starts the local Janus with the host (the host fails to start when Janus cannot),
/// then reports the munit's health, restarts, capacity and load to the fleet's <see cref="IMunitRegistryGrain"/> (and a
/// copy to its <see cref="IMunitGrain"/>) every <see cref="MunitOptions.ReportInterval"/> and at once on every Janus
/// state change; at stop it stops the engine's session and Janus and sends a last report saying so.
/// </summary>
public sealed partial class MunitRegulator : IHostedService, IAsyncDisposable
{
    private readonly JanusUnit _unit;
    private readonly JanusMediaEngine _engine;
    private readonly IGrainFactory _grains;
    private readonly MunitOptions _options;
    private readonly JanusOptions _janus;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    // Janus state changes wake the report loop; one pending wake-up is enough.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private long _sequence;
    private int _restarts;
    private MunitEngine? _engineObject;
    private IMunitEngine? _engineReference;
    private int _lastEvent = (int)SupervisedProcessEventKind.Healthy;
    private bool _reportFailing;
    private Task? _statusCopy;

    /// <summary>Creates the regulator of the local munit.</summary>
    public MunitRegulator(JanusUnit unit, JanusMediaEngine engine, IGrainFactory grains, IOptions<MunitOptions> options, IOptions<JanusOptions> janus, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<MunitRegulator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(janus);
        _unit = unit;
        _engine = engine;
        _grains = grains;
        _options = options.Value;
        _janus = janus.Value;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
        MunitId = string.IsNullOrWhiteSpace(_options.Id) ? $"{Environment.MachineName}-{Environment.ProcessId}" : _options.Id;
    }

    /// <summary>This munit's id (its <see cref="IMunitGrain"/> key).</summary>
    public string MunitId { get; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _unit.StartAsync(cancellationToken).ConfigureAwait(false);
        _unit.Process!.Changed += OnJanusChanged;
        Log.Started(_logger, MunitId);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        if (_unit.Process is { } process)
        {
            process.Changed -= OnJanusChanged;
        }

        await _engine.DisposeAsync().ConfigureAwait(false);
        await _unit.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_loop is not null)
        {
            // The cluster is still up (Orleans stops after the hosted services registered later): say goodbye.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.LoadTimeout);
            await ReportAsync(deadline.Token, final: true).ConfigureAwait(false);
        }

        if (_engineReference is { } reference)
        {
            _grains.DeleteObjectReference<IMunitEngine>(reference);
            _engineReference = null;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnJanusChanged(SupervisedProcessEvent e)
    {
        if (e.Kind == SupervisedProcessEventKind.RestartScheduled)
        {
            Interlocked.Increment(ref _restarts);
        }

        if (e.Kind != SupervisedProcessEventKind.ProbeMissed)
        {
            Volatile.Write(ref _lastEvent, (int)e.Kind);
        }

        if (e.Kind is SupervisedProcessEventKind.Healthy or SupervisedProcessEventKind.Unhealthy or SupervisedProcessEventKind.Exited or SupervisedProcessEventKind.Started or SupervisedProcessEventKind.StartFailed or SupervisedProcessEventKind.RestartScheduled)
        {
            Log.JanusChanged(_logger, MunitId, e.Kind, e.Generation);
            _wake.Writer.TryWrite(true);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        // Reports start once the whole host (the silo included) has started.
        try
        {
            await WhenStartedAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Other silos call this munit's engine through an observer living here; the object is held strongly
        // (Orleans keeps observers weakly) until stop.
        _engineObject = new MunitEngine(_engine);
        _engineReference = _grains.CreateObjectReference<IMunitEngine>(_engineObject);
        while (!stopping.IsCancellationRequested)
        {
            await ReportAsync(stopping).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var tick = Task.Delay(_options.ReportInterval, _time, wait.Token);
            var wake = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
            await Task.WhenAny(tick, wake).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
    }

    private Task WhenStartedAsync(CancellationToken stopping)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        var cancellation = stopping.Register(() => started.TrySetCanceled(stopping));
        return started.Task.ContinueWith(
            t =>
            {
                registration.Dispose();
                cancellation.Dispose();
                t.GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ReportAsync(CancellationToken cancellationToken, bool final = false)
    {
        var report = await MakeReportAsync(cancellationToken).ConfigureAwait(false);
        if (final)
        {
            report = report with { Engine = null };
        }

        // Liveness is the registry's receipt of this report, so it goes straight there (the registry lives on the
        // control node) and waits at most ReportTimeout: a report stuck behind a cluster change must not delay the
        // next one. The MunitGrain copy (status for operators) may live on any silo — also on one that just died,
        // where a call waits for Orleans's response timeout — so it is never awaited, and one copy at a time.
        CopyToMunitGrain(report);
        try
        {
            await _grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).ReportAsync(report).WaitAsync(_options.ReportTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (_reportFailing)
            {
                _reportFailing = false;
                Log.ReportRecovered(_logger, MunitId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cluster may be starting, stopping or partitioned: the next tick tries again. Logged once per outage.
            if (!_reportFailing)
            {
                _reportFailing = true;
                Log.ReportFailed(_logger, MunitId, e.Message);
            }
        }
    }

    private void CopyToMunitGrain(MunitReport report)
    {
        if (_statusCopy is { IsCompleted: false })
        {
            Log.StatusCopySkipped(_logger, MunitId);
            return;
        }

        _statusCopy = _grains.GetGrain<IMunitGrain>(MunitId).ReportAsync(report).ContinueWith(
            t => Log.StatusCopyFailed(_logger, MunitId, t.Exception!.GetBaseException().Message),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<MunitReport> MakeReportAsync(CancellationToken cancellationToken)
    {
        var process = _unit.Process;
        // The last event wins over the state: a Janus found unhealthy is still "Healthy" while it is being killed.
        var last = (SupervisedProcessEventKind)Volatile.Read(ref _lastEvent);
        var health = process?.State switch
        {
            SupervisedProcessState.Stopping or SupervisedProcessState.Stopped => JanusHealth.Stopped,
            _ when last is SupervisedProcessEventKind.Unhealthy or SupervisedProcessEventKind.Exited or SupervisedProcessEventKind.RestartScheduled or SupervisedProcessEventKind.StartFailed => JanusHealth.Restarting,
            SupervisedProcessState.Healthy => JanusHealth.Healthy,
            SupervisedProcessState.Restarting => JanusHealth.Restarting,
            _ when Volatile.Read(ref _restarts) > 0 => JanusHealth.Restarting,
            _ => JanusHealth.Starting,
        };
        MunitLoad? load = null;
        if (health == JanusHealth.Healthy && !cancellationToken.IsCancellationRequested)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.LoadTimeout);
            try
            {
                load = await JanusLoadReader.ReadAsync(_unit, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JanusException or OperationCanceledException)
            {
                Log.LoadUnavailable(_logger, MunitId, e.Message);
            }
        }

        return new MunitReport(
            MunitId,
            Environment.MachineName,
            FirstAddress(_janus.NatOneToOneMapping) ?? _janus.Interface,
            health,
            Volatile.Read(ref _restarts),
            process?.ProcessId,
            load,
            new MunitCapacity(_options.MaxStations, _options.MaxDownlinks, _options.MaxBitrate),
            _time.GetUtcNow(),
            _options.SilentAfter,
            Interlocked.Increment(ref _sequence),
            _engineReference);
    }

    private static string? FirstAddress(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
