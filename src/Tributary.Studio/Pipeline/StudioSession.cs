using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Tributary.Hls.Ingest;
using Tributary.Media.Processes;
using Tributary.Studio.Destinations;
using Tributary.Studio.Scenes;
using Tributary.Studio.Sources;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// One live studio on this node: sources arrive at taps, one compositor (ffmpeg) encodes the program once
/// into the <see cref="ProgramBus"/>, and one relay per destination pushes it. A scene change, or a source
/// coming or going, restarts only the compositor (with continuing timestamps); the relays keep their RTMP
/// connections, so the platforms see a short pause, not a new stream.
/// </summary>
internal sealed class StudioSession : IAsyncDisposable
{
    private static readonly TimeSpan[] KeyframeRequestDelays = [TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(700)];
    private readonly StudioOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<StudioSession, DestinationRelay, DestinationState> _destinationChanged;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, DestinationRelay> _relays = new(StringComparer.Ordinal);
    private readonly ProgramBus _bus = new();
    private readonly SourceTap _ingestTap;
    private readonly StudioIngest _ingest;
    private readonly SourceTap? _rtmpTap;
    private readonly RtmpIngest? _rtmpIngest;
    private readonly long _startedAt;
    private readonly PublisherSources _publishers;
    private readonly ProgramHls? _hls;
    private SupervisedProcess? _compositor;
    private string _composed = "";
    private int _runs;
    private Task? _monitor;
    private StudioScene _scene;
    private byte[]? _logo;

    public StudioSession(StudioRecord studio, byte[]? logo, StudioOptions options, StationLocator stations, IBroadcastIngest? hls, ILoggerFactory loggers, TimeProvider time, Action<StudioSession, DestinationRelay, DestinationState> destinationChanged)
    {
        Studio = studio;
        _scene = studio.Scene;
        _logo = logo;
        _options = options;
        _logger = loggers.CreateLogger("Tributary.Studio.Pipeline");
        _time = time;
        _destinationChanged = destinationChanged;
        _startedAt = time.GetTimestamp();
        // Unix socket paths are limited to 108 bytes: keep the folder short.
        Folder = Path.Combine(Path.GetTempPath(), "trs-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Folder);
        _ingestTap = new SourceTap(time);
        _ingest = new StudioIngest(options, studio.IngestKey, _ingestTap.Port, _logger, time);
        if (RtmpIngest.IsAvailable(options))
        {
            _rtmpTap = new SourceTap(time);
            _rtmpIngest = new RtmpIngest(options, studio.IngestKey, _rtmpTap.Port, Folder, _logger, time);
        }

        _publishers = new PublisherSources(stations, studio.RoomId, IPAddress.Parse(options.SourceAddress), time, _logger);
        _hls = hls is null ? null : new ProgramHls(studio.Id, studio.RoomId, Folder, options, hls, _logger, time);
    }

    public StudioRecord Studio { get; }

    public string Folder { get; }

    /// <summary>Where an external encoder pushes (SRT with the studio's passphrase).</summary>
    public string IngestUrl => _ingest.Url;

    /// <summary>Where an RTMP encoder pushes (the key is the studio's secret), or null without nginx-rtmp.</summary>
    public string? RtmpIngestUrl => _rtmpIngest?.Url;

    /// <summary>RTMP publishers refused for a wrong key.</summary>
    public int RtmpIngestRefused => _rtmpIngest?.Refused ?? 0;

    /// <summary>The LL-HLS master playlist path of the program, or null when this node has no LL-HLS ingest.</summary>
    public string? HlsPath => _hls?.Path;

    /// <summary>How many compositor runs so far (one per scene or source change).</summary>
    public int CompositorRuns => Volatile.Read(ref _runs);

    /// <summary>The bus port (the LL-HLS packager and benchmarks read the program from it).</summary>
    public ProgramBus Bus => _bus;

    public async Task StartAsync(IEnumerable<(StudioDestination Destination, string StreamKey)> destinations)
    {
        _bus.Start();
        if (_hls is not null)
        {
            _bus.Add(_hls.Endpoint);
            _hls.Start();
        }

        _ingestTap.Start();
        _ingest.Start();
        _rtmpTap?.Start();
        _rtmpIngest?.Start();
        foreach (var (destination, key) in destinations)
        {
            AddDestination(destination, key);
        }

        await RecomposeAsync(force: true).ConfigureAwait(false);
        _monitor = Task.Run(() => MonitorAsync(_stop.Token));
    }

    public DestinationHealth Health(string destinationId)
    {
        lock (_relays)
        {
            return _relays.TryGetValue(destinationId, out var relay) ? relay.Health : DestinationHealth.Offline;
        }
    }

    public Dictionary<string, DestinationHealth> AllHealth()
    {
        lock (_relays)
        {
            return _relays.ToDictionary(r => r.Key, r => r.Value.Health, StringComparer.Ordinal);
        }
    }

    public void AddDestination(StudioDestination destination, string streamKey)
    {
        var relay = new DestinationRelay(destination, streamKey, Folder, _options, _logger, _time, (r, s) => _destinationChanged(this, r, s));
        lock (_relays)
        {
            _relays[destination.Id] = relay;
        }

        _bus.Add(relay.Endpoint);
        relay.Start();
        _destinationChanged(this, relay, DestinationState.Connecting);
    }

    public async Task RemoveDestinationAsync(string destinationId)
    {
        DestinationRelay? relay;
        lock (_relays)
        {
            _relays.Remove(destinationId, out relay);
        }

        if (relay is not null)
        {
            _bus.Remove(relay.Endpoint);
            await relay.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task SetSceneAsync(StudioScene scene, byte[]? logo)
    {
        _scene = scene;
        _logo = logo;
        await RecomposeAsync(force: true).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(false);
        }

        // Relays first, while the program still flows: a relay blocked on an idle input ignores SIGTERM.
        List<DestinationRelay> relays;
        lock (_relays)
        {
            relays = [.. _relays.Values];
            _relays.Clear();
        }

        await Task.WhenAll(relays.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (_hls is not null)
        {
            await _hls.DisposeAsync().ConfigureAwait(false);
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_compositor is not null)
            {
                await _compositor.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        await _publishers.DisposeAsync().ConfigureAwait(false);

        await _ingest.DisposeAsync().ConfigureAwait(false);
        await _ingestTap.DisposeAsync().ConfigureAwait(false);
        if (_rtmpIngest is not null)
        {
            await _rtmpIngest.DisposeAsync().ConfigureAwait(false);
        }

        if (_rtmpTap is not null)
        {
            await _rtmpTap.DisposeAsync().ConfigureAwait(false);
        }
        await _bus.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
                await RecomposeAsync(force: false).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                StudioLog.MonitorFailed(_logger, Studio.Id, e);
            }
        }
    }

    // A new compositor decodes a WebRTC source only from its next keyframe: ask each on-stage publisher for one (a PLI
    // through its tap) once ffmpeg has had time to open its inputs, and twice more in case that took longer or a
    // request was lost. Without this the picture waited for the munit's periodic request (10 s by default).
    private async Task RequestKeyframesAsync(List<PublisherFeed> feeds, CancellationToken cancellationToken)
    {
        foreach (var delay in KeyframeRequestDelays)
        {
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var feed in feeds)
            {
                feed.RequestKeyframe();
            }
        }
    }

    // Rebuilds the compositor when forced (scene change) or when the set of live on-stage sources changed
    // (a source started or stopped sending), or when its supervisor restarted it after a crash.
    private async Task RecomposeAsync(bool force)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var scene = _scene;
            var stagePublishers = scene.Stage.Where(s => s != StudioScene.IngestSource).ToList();
            await _publishers.RefreshAsync(stagePublishers, _stop.Token).ConfigureAwait(false);

            var inputs = new List<CompositorInput>();
            var videoFeeds = new List<PublisherFeed>();
            var timeout = _options.SourceTimeout;
            for (var slot = 0; slot < scene.Stage.Count; slot++)
            {
                if (scene.Stage[slot] == StudioScene.IngestSource)
                {
                    // RTMP or SRT, whichever is sending (RTMP first when both are).
                    var tap = _rtmpTap is not null && _rtmpTap.IsLive(timeout) ? _rtmpTap : _ingestTap.IsLive(timeout) ? _ingestTap : null;
                    if (tap is not null)
                    {
                        inputs.Add(new CompositorInput(slot,
                        [
                            "-thread_queue_size", "1024", "-analyzeduration", "500000", "-probesize", "500000", "-f", "mpegts",
                            "-i", string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{tap.CompositorPort}?fifo_size=100000&overrun_nonfatal=1&timeout=1000000"),
                        ], HasAudio: true, SharedClock: true));
                    }
                }
                else if (_publishers.Feed(scene.Stage[slot]) is { } feed)
                {
                    var audio = feed.Audio?.IsLive(timeout) ?? false;
                    var video = feed.Video?.IsLive(timeout) ?? false;
                    if (audio || video)
                    {
                        var sdp = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"slot{slot}.sdp"));
                        await File.WriteAllTextAsync(sdp, feed.Sdp(audio, video)).ConfigureAwait(false);
                        inputs.Add(new CompositorInput(slot,
                        [
                            "-thread_queue_size", "1024", "-protocol_whitelist", "file,udp,rtp", "-analyzeduration", "1000000", "-probesize", "1000000", "-i", sdp,
                        ], audio, video));
                        if (video)
                        {
                            videoFeeds.Add(feed);
                        }
                    }
                }
            }

            var signature = string.Join(',', inputs.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Slot}:{i.HasAudio}:{i.HasVideo}:{i.Arguments[^1]}")));
            var crashed = _compositor is { Generation: > 1 };
            if (!force && !crashed && signature == _composed)
            {
                return;
            }

            if (crashed)
            {
                StudioLog.CompositorCrashed(_logger, Studio.Id);
            }

            if (_compositor is not null)
            {
                await _compositor.DisposeAsync().ConfigureAwait(false);
                _compositor = null;
            }

            string? titleFile = null;
            if (!string.IsNullOrEmpty(scene.Title))
            {
                titleFile = Path.Combine(Folder, "title.txt");
                await File.WriteAllTextAsync(titleFile, scene.Title).ConfigureAwait(false);
            }

            string? logoFile = null;
            if (_logo is { Length: > 0 } logo)
            {
                logoFile = Path.Combine(Folder, "logo.img");
                await File.WriteAllBytesAsync(logoFile, logo).ConfigureAwait(false);
            }

            var run = Interlocked.Increment(ref _runs);
            var arguments = CompositorCommand.Build(_options, scene, inputs, titleFile, logoFile, _time.GetElapsedTime(_startedAt), _bus.Port);
            _compositor = new SupervisedProcess(
                "studio-compositor",
                new ProcessCommand(_options.FfmpegPath, arguments),
                new SupervisedProcessOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(2) },
                null,
                _logger,
                _time);
            _ingestTap.Regate();
            _rtmpTap?.Regate();
            _compositor.Start();
            _composed = signature;
            if (videoFeeds.Count > 0)
            {
                _ = RequestKeyframesAsync(videoFeeds, _stop.Token);
            }

            StudioLog.Composing(_logger, Studio.Id, run, inputs.Count, scene.Stage.Count, scene.Layout.ToString());
        }
        finally
        {
            _gate.Release();
        }
    }
}
