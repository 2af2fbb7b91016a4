using Tributary.Hosting;
using Tributary.Studio.Placement;
using Tributary.Studio.Tests.Support;
using Tributary.Testing;

namespace Tributary.Studio.Tests.Cluster;

/// <summary>
/// Placement by load: the registry grain on a real silo (an api node that runs no studio itself) with studio nodes
/// that only report (the test sends their reports), so each node's studios and CPU are what the test says; and the
/// CPU figure a node reports, from a <c>/proc/stat</c> written by the test.
/// </summary>
public sealed class StudioLoadTests
{
    [Fact]
    public async Task A_studio_goes_to_the_node_with_the_lowest_share_of_slots_in_use_plus_CPU_never_to_a_full_one()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.Api | ServerRoles.Edge);
        var grains = host.GetRequiredService<IGrainFactory>();
        var registry = grains.GetGrain<IStudioRegistryGrain>(IStudioRegistryGrain.Key);
        var node = grains.CreateObjectReference<IStudioNode>(new SilentStudioNode());
        var deadAfter = TimeSpan.FromMinutes(5);
        try
        {
            // Idle-looking but its cores are taken (e.g. a munit beside it): 0/4 slots + 0.95 CPU.
            await registry.ReportAsync(new StudioNodeReport("busy-machine", node, [], 4, deadAfter, CpuBusy: 0.95));
            // One studio running, calm machine: 1/4 + 0.20.
            await registry.ReportAsync(new StudioNodeReport("calm-machine", node, ["s0"], 4, deadAfter, CpuBusy: 0.20));
            // Full: never chosen, however idle.
            await registry.ReportAsync(new StudioNodeReport("full-machine", node, ["f1", "f2"], 2, deadAfter, CpuBusy: 0));

            Assert.Equal("calm-machine", (await registry.PlaceAsync("s1", null))!.NodeId);
            // Its reserved slot counts at once: 2/4 + 0.20 = 0.70, still below 0.95.
            Assert.Equal("calm-machine", (await registry.PlaceAsync("s2", null))!.NodeId);
            // 3/4 + 0.20 = 0.95 is no better than the busy machine's 0.95 (and it runs more studios).
            Assert.Equal("busy-machine", (await registry.PlaceAsync("s3", null))!.NodeId);

            var loads = (await registry.LoadsAsync()).ToDictionary(l => l.NodeId);
            Assert.Equal((1, 4, 0.95), (loads["busy-machine"].Live, loads["busy-machine"].Capacity, loads["busy-machine"].CpuBusy));
            Assert.Equal((3, 4, 0.20), (loads["calm-machine"].Live, loads["calm-machine"].Capacity, loads["calm-machine"].CpuBusy));
            Assert.Equal(2, loads["full-machine"].Live);
        }
        finally
        {
            grains.DeleteObjectReference<IStudioNode>(node);
        }
    }

    [Fact]
    public void The_CPU_figure_is_the_busy_share_of_the_jiffies_since_the_previous_sample_and_0_when_unreadable()
    {
        var stat = Path.GetTempFileName();
        try
        {
            // user nice system idle iowait irq softirq steal: 200 busy of 1000.
            File.WriteAllText(stat, "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 50 0 50 350 50 0 0 0 0 0\n");
            var sampler = new CpuSampler(stat);
            // +150 user, +50 system, +80 idle, +20 iowait: 200 busy of 300.
            File.WriteAllText(stat, "cpu  250 0 150 780 120 0 0 0 0 0\n");
            Assert.Equal(2.0 / 3, sampler.Sample(), 6);
            // Nothing moved: 0, not a division by zero.
            Assert.Equal(0, sampler.Sample());
            File.WriteAllText(stat, "not a stat file\n");
            Assert.Equal(0, sampler.Sample());
            Assert.Equal(0, new CpuSampler(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}")).Sample());
            Assert.InRange(new CpuSampler().Sample(), 0, 1);
        }
        finally
        {
            File.Delete(stat);
        }
    }
}
