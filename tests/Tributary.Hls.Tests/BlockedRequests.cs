using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Hls.Broadcasts;

namespace Tributary.Hls.Tests;

/// <summary>
/// Follows one host's <c>tributary.hls.requests.blocked</c> gauge so a test can await "the request is
/// now held by the server" instead of sleeping.
/// </summary>
public sealed class BlockedRequests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _gate = new();
    private readonly List<(long Count, TaskCompletionSource Done)> _waiters = [];
    private long _count;

    public BlockedRequests(HlsHost host)
    {
        var factory = host.Host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HlsMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "tributary.hls.requests.blocked")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, delta, _, _) =>
        {
            lock (_gate)
            {
                _count += delta;
                foreach (var w in _waiters.Where(w => _count >= w.Count).ToList())
                {
                    _waiters.Remove(w);
                    w.Done.TrySetResult();
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Completes once at least <paramref name="count"/> requests are held.</summary>
    public Task AtLeastAsync(long count)
    {
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Dispose() => _listener.Dispose();
}
