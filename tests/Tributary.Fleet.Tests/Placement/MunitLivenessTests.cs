using Tributary.Fleet.Placement;

namespace Tributary.Fleet.Tests.Placement;

public sealed class MunitLivenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DeadAfter = new FleetOptions().DeadAfter;

    [Fact]
    public void Munit_silent_for_the_dead_after_time_is_dead()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), DeadAfter);
        Assert.Equal(MunitState.Active, MunitLiveness.StateOf(MunitState.Active, Now - TimeSpan.FromSeconds(4.999), Now, DeadAfter));
        Assert.Equal(MunitState.Dead, MunitLiveness.StateOf(MunitState.Active, Now - TimeSpan.FromSeconds(5), Now, DeadAfter));
        Assert.Equal(MunitState.Dead, MunitLiveness.StateOf(MunitState.Draining, Now - TimeSpan.FromMinutes(1), Now, DeadAfter));
    }

    [Fact]
    public void Munit_that_never_reported_is_dead_and_a_fresh_one_keeps_its_lifecycle_state()
    {
        Assert.Equal(MunitState.Dead, MunitLiveness.StateOf(MunitState.Active, null, Now, DeadAfter));
        Assert.Equal(MunitState.Draining, MunitLiveness.StateOf(MunitState.Draining, Now, Now, DeadAfter));
        Assert.Equal(MunitState.Active, MunitLiveness.StateOf(MunitState.Active, Now + TimeSpan.FromSeconds(2), Now, DeadAfter));
    }

    [Fact]
    public void Dead_after_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MunitLiveness.StateOf(MunitState.Active, Now, Now, TimeSpan.Zero));
    }
}
