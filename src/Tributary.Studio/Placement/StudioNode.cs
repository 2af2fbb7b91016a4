using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Ids;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Storage;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Placement;

/// <summary>
/// This process as a studio node (the <c>studio</c> role): answers <see cref="IStudioNode"/> calls by running studios
/// in <see cref="StudioSessions"/>, reports its load to <see cref="IStudioRegistryGrain"/> every
/// <see cref="StudioOptions.ReportInterval"/>, gives up studios the database no longer records here (another node
/// took them over), and, when it is the oldest live node, re-places live studios whose node is dead. At shutdown it
/// stops its pipelines without ending the studios and leaves the registry, so another node takes them over.
/// </summary>
public sealed class StudioNode : BackgroundService, IStudioNode
{
    private readonly StudioSessions _sessions;
    private readonly StudioStore _store;
    private readonly StudioEvents _events;
    private readonly IGrainFactory _grains;
    private readonly StudioOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _starts = new(1, 1);
    private readonly CpuSampler _cpu = new();
    private IStudioNode? _reference;

    /// <summary>Creates the node; its id is new at every process start.</summary>
    public StudioNode(StudioSessions sessions, StudioStore store, StudioEvents events, IGrainFactory grains, IOptions<StudioOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _sessions = sessions;
        _store = store;
        _events = events;
        _grains = grains;
        _options = options.Value;
        _time = time;
        _logger = loggers.CreateLogger("Tributary.Studio.Placement");
    }

    /// <summary>This node's id (a time-ordered id made at start: the oldest live node sweeps).</summary>
    public string NodeId { get; } = TimeOrderedId.New();

    private IStudioRegistryGrain Registry => _grains.GetGrain<IStudioRegistryGrain>(IStudioRegistryGrain.Key);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The silo is up (it starts before this service): report once before the node answers, so a goLive right after
        // start-up finds it.
        _reference = _grains.CreateObjectReference<IStudioNode>(this);
        try
        {
            await Registry.ReportAsync(MakeReport()).WaitAsync(_options.ReportInterval * 5, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            PlacementLog.ReportFailed(_logger, e);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var running = _sessions.StudioIds;
        await _sessions.StopAllAsync("node shutting down; another studio node takes over").ConfigureAwait(false);
        try
        {
            await Registry.LeaveAsync(NodeId).WaitAsync(_options.ReportInterval * 5, _time, cancellationToken).ConfigureAwait(false);
            PlacementLog.Left(_logger, NodeId, running.Count);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            PlacementLog.ReportFailed(_logger, e);
        }

        if (_reference is not null)
        {
            _grains.DeleteObjectReference<IStudioNode>(_reference);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _starts.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    public async Task<StudioStart> StartAsync(string studioId, string? movedFrom)
    {
        await _starts.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_sessions.IsLive(studioId))
            {
                return StudioStart.AlreadyLive;
            }

            if (!_sessions.HasRoom)
            {
                return StudioStart.NoCapacity;
            }

            var studio = await _store.GetAsync(studioId).ConfigureAwait(false);
            if (studio is null)
            {
                return StudioStart.Gone;
            }

            var destinations = await _store.DestinationsWithKeysAsync(studioId).ConfigureAwait(false);
            var claimed = movedFrom is null
                ? await _store.ClaimLiveAsync(studio, NodeId, destinations.Count).ConfigureAwait(false)
                : await _store.ClaimMoveAsync(studio, movedFrom, NodeId).ConfigureAwait(false);
            if (!claimed)
            {
                return movedFrom is null ? StudioStart.AlreadyLive : StudioStart.Gone;
            }

            try
            {
                var logo = await _store.LogoAsync(studioId).ConfigureAwait(false);
                await _sessions.StartAsync(studio with { NodeId = NodeId }, logo, destinations).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Recorded here, so nobody re-places a studio that cannot start (the owner sees it not live).
                PlacementLog.StartFailed(_logger, studioId, e);
                await _sessions.StopAsync(studioId, "start failed").ConfigureAwait(false);
                await _store.SetEndedAsync(studio, "start failed").ConfigureAwait(false);
                throw;
            }

            if (movedFrom is null)
            {
                await _events.PublishAsync(StudioEventKinds.Live, studioId).ConfigureAwait(false);
            }
            else
            {
                PlacementLog.Moved(_logger, studioId, movedFrom, NodeId);
                await _events.PublishAsync(StudioEventKinds.Moved, studioId).ConfigureAwait(false);
            }

            return StudioStart.Started;
        }
        finally
        {
            _starts.Release();
        }
    }

    /// <inheritdoc />
    public async Task SceneChangedAsync(string studioId)
    {
        if (!_sessions.IsLive(studioId) || await _store.GetAsync(studioId).ConfigureAwait(false) is not { } studio)
        {
            return;
        }

        var logo = await _store.LogoAsync(studioId).ConfigureAwait(false);
        await _sessions.SetSceneAsync(studioId, studio.Scene, logo).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DestinationAddedAsync(string studioId, string destinationId)
    {
        if (_sessions.IsLive(studioId) && await _store.DestinationWithKeyAsync(studioId, destinationId).ConfigureAwait(false) is { } destination)
        {
            _sessions.AddDestination(studioId, destination.Destination, destination.StreamKey);
        }
    }

    /// <inheritdoc />
    public Task DestinationRemovedAsync(string studioId, string destinationId) => _sessions.RemoveDestinationAsync(studioId, destinationId);

    /// <inheritdoc />
    public Task<bool> StopAsync(string studioId) => _sessions.StopAsync(studioId, "endLive");

    /// <inheritdoc />
    public Task<StudioLiveStatus?> StatusAsync(string studioId) => Task.FromResult(_sessions.Status(studioId, NodeId));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ReportInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var view = await Registry.ReportAsync(MakeReport()).WaitAsync(_options.ReportInterval * 5, _time, cancellationToken).ConfigureAwait(false);
            // Taken before the query: a studio is claimed in the database before its pipeline is added here.
            var running = _sessions.StudioIds;
            var live = await _store.LiveStudiosAsync(cancellationToken).ConfigureAwait(false);
            await GiveUpMovedAsync(running, live).ConfigureAwait(false);
            if (view.Settled && view.LiveNodes.Count > 0 && view.LiveNodes[0] == NodeId)
            {
                await ReplaceOrphansAsync(live, view.LiveNodes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or System.Data.Common.DbException)
        {
            PlacementLog.ReportFailed(_logger, e);
        }
    }

    // A studio running here that the database records elsewhere (or not live) was taken over while this node was
    // thought dead, or ended while unreachable: stop it, so two nodes never push one program.
    private async Task GiveUpMovedAsync(IReadOnlyList<string> running, IReadOnlyList<(string StudioId, string NodeId)> live)
    {
        var recorded = live.ToDictionary(s => s.StudioId, s => s.NodeId, StringComparer.Ordinal);
        foreach (var studioId in running)
        {
            if (!recorded.TryGetValue(studioId, out var node) || node != NodeId)
            {
                PlacementLog.GaveUp(_logger, studioId, node ?? "none");
                await _sessions.StopAsync(studioId, "recorded on another node").ConfigureAwait(false);
            }
        }
    }

    private async Task ReplaceOrphansAsync(IReadOnlyList<(string StudioId, string NodeId)> live, IReadOnlyList<string> liveNodes, CancellationToken cancellationToken)
    {
        foreach (var (studioId, nodeId) in live)
        {
            if (cancellationToken.IsCancellationRequested || liveNodes.Contains(nodeId, StringComparer.Ordinal))
            {
                continue;
            }

            var placement = await Registry.PlaceAsync(studioId, nodeId).ConfigureAwait(false);
            if (placement is null)
            {
                PlacementLog.NoNodeForOrphan(_logger, studioId, nodeId);
                continue;
            }

            try
            {
                var outcome = await placement.Node.StartAsync(studioId, nodeId).ConfigureAwait(false);
                PlacementLog.Replaced(_logger, studioId, nodeId, placement.NodeId, outcome);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                PlacementLog.ReplaceFailed(_logger, studioId, placement.NodeId, e);
            }
        }
    }

    private StudioNodeReport MakeReport() =>
        new(NodeId, _reference ?? throw new InvalidOperationException("The node is not started."), _sessions.StudioIds, _options.MaxLiveStudios, _options.NodeDeadAfter, _cpu.Sample());
}
