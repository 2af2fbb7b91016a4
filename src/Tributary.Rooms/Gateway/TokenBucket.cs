namespace Tributary.Rooms.Gateway;

/// <summary>A per-socket token bucket on a <see cref="TimeProvider"/> (one socket reads sequentially: no locking).</summary>
internal sealed class TokenBucket(TimeProvider time, double perSecond, int burst)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>Takes one token; false when the bucket is empty.</summary>
    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
