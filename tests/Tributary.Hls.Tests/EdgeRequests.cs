using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Hls.Broadcasts;

namespace Tributary.Hls.Tests;

/// <summary>Counts one host's <c>tributary.hls.edge.requests</c> by <c>cache</c> tag: hits and misses.</summary>
public sealed class EdgeRequests : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _hits;
    private long _misses;

    public EdgeRequests(HlsHost host)
    {
        var factory = host.Host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HlsMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "tributary.hls.edge.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, delta, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "cache")
                {
                    if ((string?)tag.Value == "hit")
                    {
                        Interlocked.Add(ref _hits, delta);
                    }
                    else
                    {
                        Interlocked.Add(ref _misses, delta);
                    }
                }
            }
        });
        _listener.Start();
    }

    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    public void Dispose() => _listener.Dispose();
}
