using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Hls.Ingest;
using Tributary.Media.Janus;
using Tributary.Studio.Destinations;
using Tributary.Studio.Placement;
using Tributary.Studio.Sources;
using Tributary.Studio.Storage;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Pipeline;

/// <summary>The live studios of this node (the <c>studio</c> role's worker); <see cref="Placement.StudioNode"/> drives it.</summary>
public sealed class StudioSessions(
    StudioStore store,
    StudioEvents events,
    IOptions<StudioOptions> options,
    IServiceProvider services,
    ILoggerFactory loggers,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StudioSession> _sessions = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger("Tributary.Studio");
    private readonly StationLocator _stations = new(services.GetService<JanusMediaEngine>(), services.GetService<IGrainFactory>());

    /// <summary>Live studios on this node.</summary>
    public int Count => _sessions.Count;

    /// <summary>True when the studio runs here.</summary>
    public bool IsLive(string studioId) => _sessions.ContainsKey(studioId);

    /// <summary>False when this node already runs <see cref="StudioOptions.MaxLiveStudios"/>.</summary>
    public bool HasRoom => _sessions.Count < options.Value.MaxLiveStudios;

    /// <summary>The ingest URL of a live studio, or null.</summary>
    public string? IngestUrl(string studioId) => _sessions.TryGetValue(studioId, out var session) ? session.IngestUrl : null;

    /// <summary>The RTMP ingest URL (stream key included) of a live studio, or null.</summary>
    public string? RtmpIngestUrl(string studioId) => _sessions.TryGetValue(studioId, out var session) ? session.RtmpIngestUrl : null;

    /// <summary>RTMP publishers a live studio refused for a wrong key (0 when not live).</summary>
    public int RtmpIngestRefused(string studioId) => _sessions.TryGetValue(studioId, out var session) ? session.RtmpIngestRefused : 0;

    /// <summary>The LL-HLS playlist path of a live studio's program, or null.</summary>
    public string? HlsPath(string studioId) => _sessions.TryGetValue(studioId, out var session) ? session.HlsPath : null;

    /// <summary>How many compositor runs a live studio had (0 when not live).</summary>
    public int CompositorRuns(string studioId) => _sessions.TryGetValue(studioId, out var session) ? session.CompositorRuns : 0;

    /// <summary>A destination's health (OFFLINE when the studio is not live here).</summary>
    public DestinationHealth Health(string studioId, string destinationId) =>
        _sessions.TryGetValue(studioId, out var session) ? session.Health(destinationId) : DestinationHealth.Offline;

    /// <summary>Starts the pipeline of <paramref name="studio"/>; false when it already runs.</summary>
    internal async Task<bool> StartAsync(StudioRecord studio, byte[]? logo, IReadOnlyList<(StudioDestination Destination, string StreamKey)> destinations)
    {
        var session = new StudioSession(studio, logo, options.Value, _stations, services.GetService<IBroadcastIngest>(), loggers, time, OnDestinationChanged);
        if (!_sessions.TryAdd(studio.Id, session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return false;
        }

        await session.StartAsync(destinations).ConfigureAwait(false);
        StudioLog.Live(_logger, studio.Id, destinations.Count);
        return true;
    }

    /// <summary>Applies a new scene to a live studio (nothing when it is not live here).</summary>
    public async Task SetSceneAsync(string studioId, StudioScene scene, byte[]? logo)
    {
        if (_sessions.TryGetValue(studioId, out var session))
        {
            await session.SetSceneAsync(scene, logo).ConfigureAwait(false);
        }
    }

    /// <summary>Starts pushing to a new destination of a live studio.</summary>
    internal void AddDestination(string studioId, StudioDestination destination, string streamKey)
    {
        if (_sessions.TryGetValue(studioId, out var session))
        {
            session.AddDestination(destination, streamKey);
        }
    }

    /// <summary>Stops pushing to a removed destination.</summary>
    public async Task RemoveDestinationAsync(string studioId, string destinationId)
    {
        if (_sessions.TryGetValue(studioId, out var session))
        {
            await session.RemoveDestinationAsync(destinationId).ConfigureAwait(false);
        }
    }

    /// <summary>Stops a studio's pipeline; false when it was not running here.</summary>
    public async Task<bool> StopAsync(string studioId, string reason)
    {
        if (!_sessions.TryRemove(studioId, out var session))
        {
            return false;
        }

        await session.DisposeAsync().ConfigureAwait(false);
        StudioLog.Ended(_logger, studioId, reason);
        return true;
    }

    /// <summary>The studios running here.</summary>
    public IReadOnlyList<string> StudioIds => [.. _sessions.Keys];

    /// <summary>A live studio's status for <c>studio(id)</c>, or null when it does not run here.</summary>
    internal StudioLiveStatus? Status(string studioId, string nodeId) =>
        _sessions.TryGetValue(studioId, out var session)
            ? new StudioLiveStatus(nodeId, session.IngestUrl, session.RtmpIngestUrl, session.HlsPath, session.AllHealth())
            : null;

    /// <summary>
    /// Stops every pipeline of this node without recording an end: the studios stay live in the database and are
    /// re-placed on another studio node (<see cref="Placement.StudioNode"/>).
    /// </summary>
    public async Task StopAllAsync(string reason)
    {
        foreach (var studioId in _sessions.Keys.ToArray())
        {
            await StopAsync(studioId, reason).ConfigureAwait(false);
        }
    }

    private void OnDestinationChanged(StudioSession session, DestinationRelay relay, DestinationState state)
    {
        StudioLog.DestinationChanged(_logger, session.Studio.Id, relay.Destination.Id, state);
        _ = events.PublishAsync(StudioEventKinds.DestinationState, session.Studio.Id, relay.Destination.Id, state);
        if (state == DestinationState.Failed)
        {
            var attempts = relay.Health.Attempts;
            StudioLog.DestinationFailed(_logger, session.Studio.Id, relay.Destination.Id, attempts);
            _ = RecordFailureAsync(session.Studio.Id, relay.Destination, attempts);
        }
    }

    private async Task RecordFailureAsync(string studioId, StudioDestination destination, int attempts)
    {
        try
        {
            await store.DestinationFailedAsync(studioId, destination, attempts).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
        {
            StudioLog.RecordFailed(_logger, studioId, e);
        }
    }
}
