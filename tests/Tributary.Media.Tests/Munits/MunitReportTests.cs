using Microsoft.Extensions.DependencyInjection;
using Tributary.Media.Engine;
using Tributary.Media.Janus;
using Tributary.Media.Munits;
using Tributary.Media.Tests.Janus;
using Tributary.Testing;

namespace Tributary.Media.Tests.Munits;

/// <summary>The media role's regulator reporting to MunitGrain and the registry, on the in-process cluster with a real Janus.</summary>
public sealed class MunitReportTests
{
    /// <summary>A media host with a real Janus, fast restarts, frequent reports and a small capacity.</summary>
    internal static string[] JanusHostArgs(string munitId, string rtpPorts) =>
    [
        "--Media:Janus:Enabled=true",
        $"--Media:Janus:RtpPortRange={rtpPorts}",
        "--Media:Janus:DebugLevel=3",
        "--Media:Janus:Process:InitialRestartDelay=00:00:00.2",
        "--Media:Janus:Process:HealthProbeInterval=00:00:00.25",
        "--Media:Janus:Process:StartupTimeout=00:01:00",
        $"--Media:Munit:Id={munitId}",
        "--Media:Munit:ReportInterval=00:00:00.5",
        "--Media:Munit:MaxStations=7",
        "--Media:Munit:MaxDownlinks=21",
        "--Media:Munit:MaxBitrate=5000000",
    ];

    [Fact]
    public async Task A_media_host_reports_a_healthy_Janus_its_capacity_and_its_stations_from_the_admin_API()
    {
        var munitId = "munit-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await TributaryTestHost.StartAsync(args: JanusHostArgs(munitId, "44000-44499"));
        var registry = host.GetRequiredService<IGrainFactory>().GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);
        var unit = host.GetRequiredService<JanusUnit>();

        var listed = await Eventually.UntilAsync(registry.ListAsync, l => l.Length == 1 && l[0].Last is { Janus: JanusHealth.Healthy, Load: not null }, "a healthy report with load");

        var status = listed[0];
        Assert.Equal(munitId, status.MunitId);
        Assert.False(status.Silent);
        Assert.Equal(Environment.MachineName, status.Last!.Host);
        Assert.Equal(0, status.Last.JanusRestarts);
        Assert.Equal(unit.Process!.ProcessId, status.Last.JanusProcessId);
        Assert.Equal(new MunitCapacity(7, 21, 5_000_000), status.Last.Capacity);
        Assert.Equal(0, status.Last.Load!.Stations);
        Assert.Equal(0, status.Last.Load.Downlinks);

        var engine = host.GetRequiredService<IMediaEngine>();
        var room = new MediaRoom($"room-{Guid.NewGuid():N}", false);
        Assert.Equal(200, (await engine.PublishAsync(room, "alice", Sdp.Offer(), false, false)).Code);
        Assert.Equal(200, (await engine.PublishAsync(room, "bob", Sdp.Offer(), false, false)).Code);
        var munit = host.GetRequiredService<IGrainFactory>().GetGrain<IMunitGrain>(munitId);

        var loaded = await Eventually.UntilAsync(munit.GetStatusAsync, s => s.Last?.Load?.Stations == 2, "two stations reported");
        Assert.Equal(0, loaded.Last!.Load!.Downlinks);
        // The engine's control handle plus one handle per station.
        Assert.Equal(3, loaded.Last.Load.Handles);

        await engine.ReleaseSessionAsync(room, "alice");
        var released = await Eventually.UntilAsync(munit.GetStatusAsync, s => s.Last?.Load?.Stations == 1, "the released station gone from the report");
        Assert.Equal(2, released.Last!.Load!.Handles);
        Assert.True(released.Reports > loaded.Reports);
    }

    [Fact]
    public async Task A_host_without_Janus_registers_no_munit()
    {
        await using var host = await TributaryTestHost.StartAsync();

        var listed = await host.GetRequiredService<IGrainFactory>().GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).ListAsync();

        Assert.Empty(listed);
        Assert.Null(host.Services.GetService<MunitRegulator>());
    }

    [Fact]
    public async Task A_munit_whose_reports_stop_turns_silent_and_late_or_misaddressed_reports_change_nothing()
    {
        await using var host = await TributaryTestHost.StartAsync();
        var grains = host.GetRequiredService<IGrainFactory>();
        var munit = grains.GetGrain<IMunitGrain>("far-away");
        // Long enough that the read right after the report is surely fresh on a loaded machine.
        var first = Report("far-away", sequence: 2, silentAfter: TimeSpan.FromSeconds(6));

        var registry = grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);
        var late = first with { Sequence = 1, At = first.At.AddSeconds(-1), JanusRestarts = 9 };

        // The regulator sends each report to the registry (liveness) and a copy to the munit's grain: both ignore a late one.
        await registry.ReportAsync(first);
        await munit.ReportAsync(first);
        var fresh = await munit.GetStatusAsync();
        await registry.ReportAsync(late);
        await munit.ReportAsync(late);
        var misaddressed = await Assert.ThrowsAsync<ArgumentException>(() => munit.ReportAsync(Report("elsewhere", 3, TimeSpan.FromSeconds(2))));

        Assert.Contains("elsewhere", misaddressed.Message, StringComparison.Ordinal);
        Assert.Equal(first, (await munit.GetStatusAsync()).Last);
        Assert.Equal(1, (await munit.GetStatusAsync()).Reports);
        var listed = Assert.Single(await registry.ListAsync());
        Assert.Equal("far-away", listed.MunitId);
        Assert.Equal(first, listed.Last);
        Assert.Equal(1, listed.Reports);
        Assert.False(fresh.Silent);
        var silent = await Eventually.UntilAsync(munit.GetStatusAsync, s => s.Silent, "silence after SilentAfter");
        Assert.Equal(first, silent.Last);

        Assert.True(await grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).RemoveAsync("far-away"));
        Assert.False(await grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).RemoveAsync("far-away"));
        Assert.Empty(await grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).ListAsync());
    }

    [Theory]
    [InlineData("Media:Munit:SilentAfter must be longer than ReportInterval", "--Media:Munit:ReportInterval=00:00:05", "--Media:Munit:SilentAfter=00:00:05")]
    [InlineData("MaxStations", "--Media:Munit:MaxStations=0")]
    [InlineData("Media:Munit:ReportTimeout must be positive and shorter than SilentAfter", "--Media:Munit:ReportTimeout=00:00:05")]
    [InlineData("Media:Munit:ReportInterval and LoadTimeout must be positive", "--Media:Munit:LoadTimeout=00:00:00")]
    public async Task Invalid_munit_options_stop_the_media_host_from_starting_with_the_setting_named(string message, params string[] args)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TributaryTestHost.StartAsync(args: ["--Media:Janus:Enabled=true", .. args]));

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private static MunitReport Report(string munitId, long sequence, TimeSpan silentAfter) => new(
        munitId, "host-a", "203.0.113.7", JanusHealth.Healthy, 0, 4242, new MunitLoad(1, 2, 4, 1000, 2000),
        new MunitCapacity(10, 20, 30), DateTimeOffset.UtcNow, silentAfter, sequence);
}
