using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tributary.Hls.Signals;

// Per-publisher token buckets for POST /data, on the server's TimeProvider. Checked right after
// authentication, before the body is read, so an over-eager client costs no parsing and changes nothing.
internal sealed class UploadRateLimiter(IOptions<HlsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public int TrackedPublishers => _buckets.Count;

    /// <summary>Takes one upload from <paramref name="userId"/>'s bucket; false (with the wait) when it is empty.</summary>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        var o = options.Value;
        if (!_buckets.TryGetValue(userId, out var bucket))
        {
            if (_buckets.Count >= o.RateLimitedPublishers)
            {
                Prune();
            }

            // Still full of active publishers: the map stays bounded and this one goes unmetered until
            // others go idle (refusing honest publishers would be worse than not metering one).
            if (_buckets.Count >= o.RateLimitedPublishers)
            {
                retryAfter = TimeSpan.Zero;
                return true;
            }

            bucket = _buckets.GetOrAdd(userId, _ => new Bucket(o.UploadBurst, time.GetTimestamp()));
        }

        return bucket.TryTake(time, o.UploadsPerSecond, o.UploadBurst, out retryAfter);
    }

    // Drops buckets that have refilled: their publishers have been idle at least burst / rate seconds.
    private void Prune()
    {
        var o = options.Value;
        foreach (var (userId, bucket) in _buckets)
        {
            if (bucket.IsFull(time, o.UploadsPerSecond, o.UploadBurst))
            {
                _buckets.TryRemove(userId, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long last)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _last = last;

        public bool TryTake(TimeProvider time, double perSecond, int burst, out TimeSpan retryAfter)
        {
            lock (_lock)
            {
                Refill(time, perSecond, burst);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
                return false;
            }
        }

        public bool IsFull(TimeProvider time, double perSecond, int burst)
        {
            lock (_lock)
            {
                Refill(time, perSecond, burst);
                return _tokens >= burst;
            }
        }

        private void Refill(TimeProvider time, double perSecond, int burst)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
            _last = now;
        }
    }
}
