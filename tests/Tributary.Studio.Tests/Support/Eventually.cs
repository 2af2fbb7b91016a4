namespace Tributary.Studio.Tests.Support;

/// <summary>Waits for a condition that the live pipeline reaches on its own (generous limits: the machine is loaded).</summary>
public static class Eventually
{
    public static async Task<T> ReachAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
            {
                lastError = e;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{what} did not happen; last value: {last}; last error: {lastError?.Message}");
    }
}
