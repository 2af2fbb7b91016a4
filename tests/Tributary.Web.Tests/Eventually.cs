namespace Tributary.Web.Tests;

/// <summary>Waits on a condition polled from the browser; the timeout only fails a hung test (no timing is asserted).</summary>
internal static class Eventually
{
    /// <summary>Generous: a loaded 2-core machine runs Janus, the server and several Chromium pages.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; returns the last value.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, Func<string> context, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what}: still {last} after {timeout ?? Timeout}\n{context()}");
            }

            await Task.Delay(250);
            last = await probe();
        }

        return last;
    }
}
