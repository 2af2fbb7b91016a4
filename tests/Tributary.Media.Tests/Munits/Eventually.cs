namespace Tributary.Media.Tests.Munits;

/// <summary>Waits for a condition on something the cluster reports, re-reading it; the deadline only guards a hung test.</summary>
public static class Eventually
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds; fails with the last value read.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Guard;
        T last;
        do
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new Xunit.Sdk.XunitException($"{what} did not happen; last seen: {Describe(last)}");
    }

    private static string Describe<T>(T value) => value switch
    {
        System.Collections.IEnumerable items when value is not string => "[" + string.Join(", ", items.Cast<object>()) + "]",
        _ => value?.ToString() ?? "null",
    };
}
