using System.Globalization;
using Tributary.Hls.Ingest;
using Tributary.Hls.Signals;

namespace Tributary.Hls.Forwarding;

// Turns the pieces ffmpeg's fragmented MP4 is cut into (init section, parts) into the data signals a
// phone would upload: updateVariant with each init section, updatePart per part, updateSegment when an
// independent part starts the next segment. A restarted ffmpeg sends a new init section; the next
// segment then carries EXT-X-DISCONTINUITY, and sequence numbers go on. A studio's program (program: true) goes
// through IBroadcastIngest.ApplyProgramAsync, so the room's presence does not end it.
internal sealed class ForwardedBroadcast(string userId, string streamId, HlsForwardingOptions options, IBroadcastIngest ingest, TimeProvider time, bool program = false)
{
    public const string VariantId = "v0";

    private long _msn;
    private int _part;
    private bool _open;
    private double _duration;
    private bool _discontinuity;
    private bool _haveInit;
    private int _inits;

    public string UserId => userId;

    public string StreamId => streamId;

    /// <summary>Signals refused by the broadcast (a bug or a broadcast that ended under us).</summary>
    public int Refused { get; private set; }

    public async Task AddAsync(Fmp4Piece piece)
    {
        if (piece.IsInitSection)
        {
            await CloseSegmentAsync();
            _inits++;
            _discontinuity = _haveInit;
            _haveInit = true;
            var variant = new VariantInfo(VariantId, piece.Codecs, options.VideoBitrate + options.AudioBitrate, null, 9, options.SegmentSeconds, options.PartSeconds);
            var map = new MapInfo(string.Create(CultureInfo.InvariantCulture, $"init{_inits}.mp4"), piece.Data);
            await ApplyAsync(DataSignalAction.UpdateVariant, variant, new SegmentInfo(null, 0, 0, false, null, map, null), null);
            return;
        }

        if (!_haveInit)
        {
            return;
        }

        if (piece.Independent && _open && _duration >= options.SegmentSeconds * 0.9)
        {
            await CloseSegmentAsync();
        }

        if (!_open && !piece.Independent)
        {
            // A segment must start with a keyframe; parts before the first one are of no use to players.
            return;
        }

        var first = !_open;
        _open = true;
        var segment = new SegmentInfo(null, _msn, 0, first && _discontinuity, first ? time.GetUtcNow().ToUnixTimeMilliseconds() : null, null, null);
        var part = new PartInfo(string.Create(CultureInfo.InvariantCulture, $"seg{_msn}.{_part}.m4s"), _part, Math.Round(piece.Duration, 5), piece.Independent, false, piece.Data);
        _part++;
        _duration += piece.Duration;
        await ApplyAsync(DataSignalAction.UpdatePart, new VariantInfo(VariantId, null, 0, null, 0, 0, 0), segment, part);
    }

    public async Task CloseSegmentAsync()
    {
        if (!_open)
        {
            return;
        }

        var segment = new SegmentInfo(string.Create(CultureInfo.InvariantCulture, $"seg{_msn}.m4s"), _msn, Math.Round(_duration, 5), _discontinuity, null, null, null);
        await ApplyAsync(DataSignalAction.UpdateSegment, new VariantInfo(VariantId, null, 0, null, 0, 0, 0), segment, null);
        _msn++;
        _part = 0;
        _duration = 0;
        _open = false;
        _discontinuity = false;
    }

    public Task EndAsync() => ingest.EndAsync(userId, streamId);

    private async Task ApplyAsync(DataSignalAction action, VariantInfo variant, SegmentInfo segment, PartInfo? part)
    {
        var id = Guid.NewGuid().ToString();
        var signal = new DataSignal(action, id, streamId, 9, variant, null, segment, part, "forwarded:" + id);
        var outcome = program ? await ingest.ApplyProgramAsync(userId, signal) : await ingest.ApplyForwardedAsync(userId, signal);
        if (!outcome.IsOk)
        {
            Refused++;
        }
    }
}
