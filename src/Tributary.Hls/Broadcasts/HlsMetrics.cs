using System.Diagnostics.Metrics;

namespace Tributary.Hls.Broadcasts;

/// <summary>The <c>Tributary.Hls</c> meter: uploads, upload delay, window memory, held requests.</summary>
public sealed class HlsMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Tributary.Hls";

    private readonly Counter<long> _uploads;
    private readonly Histogram<double> _uploadDelay;
    private readonly UpDownCounter<long> _windowBytes;
    private readonly UpDownCounter<long> _broadcasts;
    private readonly UpDownCounter<long> _blocked;
    private readonly Counter<long> _edgeRequests;

    /// <summary>Creates the instruments.</summary>
    public HlsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _uploads = meter.CreateCounter<long>("tributary.hls.uploads", "{upload}", "Data signals answered, by action and status code.");
        _uploadDelay = meter.CreateHistogram<double>("tributary.hls.upload.delay", "ms", "Server-observed delay from a data signal's timestamp to its receipt.");
        _windowBytes = meter.CreateUpDownCounter<long>("tributary.hls.window.bytes", "By", "Media bytes held in broadcast windows on this node.");
        _broadcasts = meter.CreateUpDownCounter<long>("tributary.hls.broadcasts", "{broadcast}", "Broadcast windows active on this node.");
        _edgeRequests = meter.CreateCounter<long>("tributary.hls.edge.requests", "{request}", "Playlist and media requests by whether the edge cache answered them (cache=hit) or the grain did (cache=miss).");
        _blocked = meter.CreateUpDownCounter<long>("tributary.hls.requests.blocked", "{request}", "Blocking playlist reloads and hinted part requests being held.");
    }

    internal void Upload(string action, int code) =>
        _uploads.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("code", code));

    internal void UploadDelay(double ms) => _uploadDelay.Record(ms);

    internal void WindowBytes(long delta)
    {
        if (delta != 0)
        {
            _windowBytes.Add(delta);
        }
    }

    internal void Broadcasts(int delta) => _broadcasts.Add(delta);

    internal void Blocked(int delta) => _blocked.Add(delta);

    internal void EdgeRequest(bool hit) => _edgeRequests.Add(1, new KeyValuePair<string, object?>("cache", hit ? "hit" : "miss"));
}
