using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Tributary.Media.Processes;
using Tributary.Studio.Destinations;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// One destination's push: a light ffmpeg (<c>-c copy</c>, no decode, no encode) reads the program from the
/// bus and pushes FLV to the platform. It fails alone: when the platform refuses or drops, only this process
/// exits and its supervisor restarts it with back-off, while the encoder and the other destinations go on.
/// </summary>
internal sealed class DestinationRelay : IAsyncDisposable
{
    private readonly StudioOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<DestinationRelay, DestinationState> _changed;
    private readonly SupervisedProcess _process;
    private readonly ProgressListener _progress;
    private readonly Lock _gate = new();
    private DestinationState _state = DestinationState.Connecting;
    private long _lastTotal;
    private long _liveSince;
    private double _bitrate;
    private long _droppedEarlierRuns;
    private long _droppedThisRun;
    private int _attempts;
    private int _failuresInARow;

    public DestinationRelay(StudioDestination destination, string streamKey, string folder, StudioOptions options, ILogger logger, TimeProvider time, Action<DestinationRelay, DestinationState> changed)
    {
        Destination = destination;
        _options = options;
        _time = time;
        _changed = changed;
        InputPort = UdpPorts.FreeUdp();
        Endpoint = new IPEndPoint(IPAddress.Loopback, InputPort);
        _progress = new ProgressListener(Path.Combine(folder, $"relay-{destination.Id[^8..]}.sock"), OnProgress);
        var target = destination.Url.TrimEnd('/') + "/" + streamKey;
        var command = new ProcessCommand(options.FfmpegPath,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-progress", "unix://" + _progress.Path, "-stats_period", "0.5",
            "-analyzeduration", "1000000", "-probesize", "1000000",
            "-f", "mpegts", "-i", string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{InputPort}?fifo_size=100000&overrun_nonfatal=1"),
            "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "flv", "-flvflags", "no_duration_filesize", target,
        ]);
        _process = new SupervisedProcess(
            $"studio-relay-{destination.Id[^8..]}",
            command,
            new SupervisedProcessOptions
            {
                InitialRestartDelay = options.RetryDelay,
                MaxRestartDelay = options.MaxRetryDelay,
                StableRunTime = TimeSpan.FromSeconds(10),
                ShutdownGracePeriod = TimeSpan.FromSeconds(2),
            },
            null,
            new RedactingLogger(logger, streamKey),
            time);
        _process.Changed += OnProcessChanged;
    }

    public StudioDestination Destination { get; }

    /// <summary>Where the bus sends the program for this relay.</summary>
    public IPEndPoint Endpoint { get; }

    public int InputPort { get; }

    public DestinationHealth Health
    {
        get
        {
            lock (_gate)
            {
                var live = _state == DestinationState.Live;
                return new DestinationHealth(
                    _state,
                    live ? _bitrate : 0,
                    _droppedEarlierRuns + _droppedThisRun,
                    live ? _time.GetElapsedTime(_liveSince) : null,
                    _attempts);
            }
        }
    }

    public void Start()
    {
        _progress.Start();
        _process.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _process.Changed -= OnProcessChanged;
        await _process.DisposeAsync().ConfigureAwait(false);
        await _progress.DisposeAsync().ConfigureAwait(false);
    }

    private void OnProcessChanged(SupervisedProcessEvent change)
    {
        DestinationState? raised = null;
        lock (_gate)
        {
            switch (change.Kind)
            {
                case SupervisedProcessEventKind.Started:
                    _attempts++;
                    _lastTotal = 0;
                    _droppedEarlierRuns += _droppedThisRun;
                    _droppedThisRun = 0;
                    break;
                case SupervisedProcessEventKind.Exited or SupervisedProcessEventKind.StartFailed:
                    if (_state == DestinationState.Live)
                    {
                        _failuresInARow = 0;
                        raised = _state = DestinationState.Reconnecting;
                    }
                    else if (++_failuresInARow >= _options.FailedAfterAttempts && _state != DestinationState.Failed)
                    {
                        raised = _state = DestinationState.Failed;
                    }

                    break;
            }
        }

        if (raised is { } state)
        {
            _changed(this, state);
        }
    }

    private void OnProgress(RelayProgress progress)
    {
        DestinationState? raised = null;
        lock (_gate)
        {
            _bitrate = progress.BitrateKbps;
            _droppedThisRun = progress.DroppedFrames;
            // Bytes written past the FLV header mean the platform accepted the connection and media flows.
            if (progress.TotalSize > _lastTotal && progress.TotalSize > 1024 && _state != DestinationState.Live)
            {
                _liveSince = _time.GetTimestamp();
                _failuresInARow = 0;
                raised = _state = DestinationState.Live;
            }

            _lastTotal = Math.Max(_lastTotal, progress.TotalSize);
        }

        if (raised is { } state)
        {
            _changed(this, state);
        }
    }
}
