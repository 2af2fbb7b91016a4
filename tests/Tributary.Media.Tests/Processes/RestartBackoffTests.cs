using Tributary.Media.Processes;

namespace Tributary.Media.Tests.Processes;

public sealed class RestartBackoffTests
{
    private static readonly SupervisedProcessOptions Options = new()
    {
        InitialRestartDelay = TimeSpan.FromSeconds(1),
        MaxRestartDelay = TimeSpan.FromSeconds(5),
        StableRunTime = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public void Short_runs_double_the_wait_up_to_the_cap()
    {
        var backoff = new RestartBackoff(Options);

        var waits = Enumerable.Range(0, 5).Select(_ => backoff.Next(TimeSpan.FromSeconds(1)).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 5, 5], waits);
    }

    [Fact]
    public void A_stable_run_starts_again_from_the_initial_wait()
    {
        var backoff = new RestartBackoff(Options);
        backoff.Next(TimeSpan.Zero);
        backoff.Next(TimeSpan.Zero);
        backoff.Next(TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next(TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next(TimeSpan.FromSeconds(59)));
    }

    [Fact]
    public void A_zero_initial_wait_still_grows()
    {
        var backoff = new RestartBackoff(new SupervisedProcessOptions { InitialRestartDelay = TimeSpan.Zero, MaxRestartDelay = TimeSpan.FromMilliseconds(4) });

        var waits = Enumerable.Range(0, 5).Select(_ => backoff.Next(TimeSpan.Zero).TotalMilliseconds).ToArray();

        Assert.Equal([0, 1, 2, 4, 4], waits);
    }
}
