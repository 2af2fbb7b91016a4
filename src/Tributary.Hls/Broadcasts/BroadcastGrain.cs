using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Tributary.Hls.Playlists;
using Tributary.Hls.Signals;
using Tributary.Rooms;

namespace Tributary.Hls.Broadcasts;

/// <summary>
/// Holds one broadcast's window and answers playlist and media requests from any edge node.
/// Reentrant so that held (blocking) requests do not stall uploads: every state change happens
/// synchronously inside one turn, and held requests only await the change signal.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed partial class BroadcastGrain : Grain, IBroadcastGrain
{
    private readonly HlsOptions _options;
    private readonly TimeProvider _time;
    private readonly HlsMetrics _metrics;
    private readonly ILogger<BroadcastGrain> _logger;
    private readonly IRoomDirectory? _rooms;
    private readonly Dictionary<(string Track, bool Skip), byte[]> _playlists = [];
    private BroadcastWindow _window;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _cachedVersion = -1;
    private byte[]? _master;
    private long _reportedBytes;
    private IGrainTimer? _roomCheck;
    private bool _counted;
    private bool _forwarded;
    private bool _program;
    private long _lastPieceAt;

    /// <summary>Created by Orleans.</summary>
    public BroadcastGrain(IOptions<HlsOptions> options, TimeProvider time, HlsMetrics metrics, ILogger<BroadcastGrain> logger, IServiceProvider services)
    {
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _rooms = services.GetService<IRoomDirectory>();
        _window = new BroadcastWindow(_options);
    }

    /// <inheritdoc />
    public async Task<UploadOutcome> ApplyAsync(DataSignal signal)
    {
        var restarted = _window.Ended;
        if (restarted)
        {
            // The room was live again when the edge checked: a new broadcast under the same id.
            _window = new BroadcastWindow(_options);
            _windowNumber++;
            _cachedVersion = -1;
            Changed();
        }

        var outcome = _window.Apply(signal);
        if (outcome.IsOk)
        {
            _lastPieceAt = _time.GetTimestamp();
            if (!_counted)
            {
                _counted = true;
                _metrics.Broadcasts(1);
                LogStarted(_logger, this.GetPrimaryKeyString());
            }

            _roomCheck ??= this.RegisterGrainTimer(CheckRoomAsync, new GrainTimerCreationOptions(_options.RoomCheckInterval, _options.RoomCheckInterval) { Interleave = true });
            Changed();
        }

        if (outcome.IsOk || restarted)
        {
            await NotifyWatchersAsync();
        }

        return outcome;
    }

    /// <inheritdoc />
    public Task<UploadOutcome> ApplyForwardedAsync(DataSignal signal)
    {
        _forwarded = true;
        return ApplyAsync(signal);
    }

    /// <inheritdoc />
    public Task<UploadOutcome> ApplyProgramAsync(DataSignal signal)
    {
        _forwarded = true;
        _program = true;
        return ApplyAsync(signal);
    }

    /// <inheritdoc />
    public Task<PlaylistResponse> GetMasterPlaylistAsync()
    {
        Refresh();
        if (_window.PlaylistId is null || !_window.Tracks.Exists(t => t.Variant is not null))
        {
            return Task.FromResult(new PlaylistResponse(404, null, "no such broadcast", false) { Version = CurrentVersion });
        }

        _master ??= PlaylistWriter.Master(_window);
        return Task.FromResult(new PlaylistResponse(200, _master, null, _window.Ended) { Version = CurrentVersion });
    }

    /// <inheritdoc />
    public async Task<PlaylistResponse> GetMediaPlaylistAsync(MediaPlaylistRequest request)
    {
        if (_window.Find(request.TrackId) is not { } track)
        {
            return new PlaylistResponse(404, null, $"no such variant or rendition {request.TrackId}", _window.Ended);
        }

        if (request.Msn is { } msn)
        {
            switch (_window.Check(track, msn, request.Part))
            {
                case Readiness.TooFarAhead:
                    return new PlaylistResponse(400, null, string.Create(CultureInfo.InvariantCulture, $"_HLS_msn={msn} _HLS_part={request.Part} is too far ahead of the playlist"), false);
                case Readiness.Wait:
                    var timeout = TimeSpan.FromSeconds(_options.BlockingReloadTargetDurations * PlaylistWriter.TargetDuration(track));
                    if (!await WaitAsync(() => _window.Check(track, msn, request.Part) != Readiness.Wait, timeout))
                    {
                        return new PlaylistResponse(503, null, "the requested segment or part did not arrive in time", false);
                    }

                    break;
                default:
                    break;
            }
        }

        Refresh();
        var key = (track.Id, request.Skip);
        if (!_playlists.TryGetValue(key, out var body))
        {
            body = PlaylistWriter.Media(_window, track, request.Skip);
            _playlists[key] = body;
        }

        return new PlaylistResponse(200, body, null, _window.Ended) { Version = CurrentVersion, Position = PositionOf(track) };
    }

    /// <inheritdoc />
    public async Task<MediaResponse> GetMediaAsync(string trackId, string name)
    {
        if (_window.Find(trackId) is not { } track)
        {
            return NotFound();
        }

        if (_window.FindPiece(track, name) is { } piece)
        {
            return Found(piece);
        }

        // The preload hint names the next part before it exists; its request is held until it arrives.
        if (!TryParsePositional(name, out var msn, out var part) || _window.Ended || track.NextPart != (msn, part))
        {
            return NotFound();
        }

        var timeout = TimeSpan.FromSeconds(_options.BlockingReloadTargetDurations * PlaylistWriter.TargetDuration(track));
        var arrived = await WaitAsync(() => _window.FindPiece(track, name) is not null || _window.Ended || track.NextPart != (msn, part), timeout);
        return _window.FindPiece(track, name) is { } late ? Found(late)
            : arrived ? NotFound()
            : new MediaResponse(503, MediaKind.Segment, [], "the hinted part did not arrive in time");

        MediaResponse Found(MediaPiece piece) => new(200, piece.Kind, [.. piece.Chunks], null) { Version = CurrentVersion };

        static MediaResponse NotFound() => new(404, MediaKind.Segment, [], "no such media");
    }

    /// <inheritdoc />
    public async Task EndAsync()
    {
        End("ended by the room");
        await NotifyWatchersAsync();
    }

    /// <inheritdoc />
    public Task<BroadcastStatus> GetStatusAsync() =>
        Task.FromResult(new BroadcastStatus(_window.Bytes, _window.Ended, _window.Version, _window.Tracks.Count));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await ForgetWatchersAsync();
        _metrics.WindowBytes(-_reportedBytes);
        _reportedBytes = 0;
        if (_counted)
        {
            _metrics.Broadcasts(-1);
            _counted = false;
        }
    }

    private static bool TryParsePositional(string name, out long msn, out int part)
    {
        msn = 0;
        part = 0;
        if (!name.StartsWith("part-", StringComparison.Ordinal) || !name.EndsWith(".m4s", StringComparison.Ordinal))
        {
            return false;
        }

        var middle = name.AsSpan(5, name.Length - 9);
        var dash = middle.IndexOf('-');
        return dash > 0
            && long.TryParse(middle[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out msn)
            && int.TryParse(middle[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out part);
    }

    private async Task<bool> WaitAsync(Func<bool> ready, TimeSpan timeout)
    {
        if (ready())
        {
            return true;
        }

        _metrics.Blocked(1);
        using var cancel = new CancellationTokenSource();
        var deadline = Task.Delay(timeout, _time, cancel.Token);
        try
        {
            while (true)
            {
                var first = await Task.WhenAny(_changed.Task, deadline);
                if (ready())
                {
                    return true;
                }

                if (first == deadline)
                {
                    return false;
                }
            }
        }
        finally
        {
            await cancel.CancelAsync();
            _metrics.Blocked(-1);
        }
    }

    private async Task CheckRoomAsync(CancellationToken cancellationToken)
    {
        if (_window.Ended)
        {
            return;
        }

        if (_program)
        {
            // A studio's program is not bound to the room's presence (a studio may go live before anyone joins,
            // or show only an external encoder): its packager ends it; silence means the packager died.
            if (_time.GetElapsedTime(_lastPieceAt) > _options.ProgramIdleTimeout)
            {
                End("the program stopped arriving");
                await NotifyWatchersAsync();
            }

            return;
        }

        var (userId, streamId) = BroadcastKey.Parse(this.GetPrimaryKeyString());
        try
        {
            var room = _rooms is null ? null : await _rooms.GetAsync(streamId, cancellationToken);
            if (room is null || (room.Kind != RoomKind.P2m && !_forwarded))
            {
                End("the room is gone");
                await NotifyWatchersAsync();
            }
            else if (_forwarded)
            {
                // A WebRTC station's broadcast: its packager ends it when the station goes.
            }
            else if (!room.PublisherUserIds.Contains(userId, StringComparer.Ordinal))
            {
                End("the broadcaster is no longer the room's publisher");
                await NotifyWatchersAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The directory is a dependency that may fail; the broadcast keeps going until it answers.
            LogRoomCheckFailed(_logger, this.GetPrimaryKeyString(), e);
        }
    }

    private void End(string reason)
    {
        if (_window.Ended || _window.PlaylistId is null)
        {
            return;
        }

        _window.End();
        _roomCheck?.Dispose();
        _roomCheck = null;
        LogEnded(_logger, this.GetPrimaryKeyString(), reason);
        Changed();
    }

    private static PlaylistPosition PositionOf(MediaTrack track) =>
        new(track.LastComplete?.Msn ?? -1, track.Open?.Msn ?? -1, track.Open?.Parts.Count ?? 0);

    private void Changed()
    {
        _change++;
        _metrics.WindowBytes(_window.Bytes - _reportedBytes);
        _reportedBytes = _window.Bytes;
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void Refresh()
    {
        if (_cachedVersion != _window.Version)
        {
            _cachedVersion = _window.Version;
            _playlists.Clear();
            _master = null;
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Broadcast {Key} started")]
    private static partial void LogStarted(ILogger logger, string key);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Broadcast {Key} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Broadcast {Key} could not check its room")]
    private static partial void LogRoomCheckFailed(ILogger logger, string key, Exception exception);
}
