using Microsoft.Extensions.DependencyInjection;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Registry;
using Tributary.Fleet.Scaling;

namespace Tributary.Fleet.Tests.Control;

/// <summary>
/// The autoscaler wired into the control role (<c>Fleet:Autoscale:Enabled</c>): the real server and registry, a
/// recording provider (the process provider has its own tests), munits whose reports the test sends, a fake clock.
/// </summary>
public sealed class FleetAutoscaleTests
{
    [Fact]
    public async Task A_load_ramp_asks_the_provider_for_munits_and_a_fall_drains_the_spare_one_and_stops_it_once_empty()
    {
        var provider = new RecordingProvider();
        await using var fleet = await FleetHost.StartAsync(
            ["--Fleet:Autoscale:Enabled=true", "--Fleet:MaxDownlinks=10", "--Fleet:MaxMunits=4", "--Fleet:ScaleInCoolDown=00:01:00"],
            services => services.AddSingleton<IMunitProvider>(provider));

        // An empty fleet starts MinMunits (1) at the control loop's first step.
        await fleet.Controller.StepAsync();
        Assert.Equal(["auto-1"], provider.Started);
        var first = await fleet.AddMunitAsync("auto-1");

        // Ramp: 9 of 10 downlinks (90 % > 75 %) → ceil(0.9 / 0.6) = 2 munits.
        await first.ReportAsync(fleet.Clock.GetUtcNow(), downlinks: 9);
        await fleet.Controller.StepAsync();
        Assert.Equal(["auto-1", "auto-2"], provider.Started);
        var second = await fleet.AddMunitAsync("auto-2");
        await fleet.Controller.StepAsync();
        Assert.Equal(2, provider.Started.Count);

        // Fall: 1 downlink over 2 munits (5 % < 40 %) for the cool-down → drain the emptier one.
        await first.ReportAsync(fleet.Clock.GetUtcNow(), downlinks: 1);
        await fleet.Controller.StepAsync();
        Assert.All(await fleet.Fleet.MunitsAsync(), m => Assert.Equal(MunitLifecycle.Active, m.Lifecycle));
        fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        await first.ReportAsync(fleet.Clock.GetUtcNow(), downlinks: 1);
        await second.ReportAsync(fleet.Clock.GetUtcNow());
        await fleet.Controller.StepAsync();
        var drained = await fleet.Fleet.MunitsAsync();
        Assert.Equal(MunitState.Draining, drained.Single(m => m.MunitId == "auto-2").State);
        Assert.Equal(MunitState.Active, drained.Single(m => m.MunitId == "auto-1").State);
        Assert.Empty(provider.Stopped);

        // Draining and empty → stopped through the provider and forgotten by the registry.
        await fleet.Controller.StepAsync();
        Assert.Equal(["auto-2"], provider.Stopped);
        Assert.Equal(["auto-1"], (await fleet.Fleet.MunitsAsync()).Select(m => m.MunitId));
    }

    [Fact]
    public async Task Autoscaling_is_off_by_default_and_the_provider_is_never_asked()
    {
        var provider = new RecordingProvider();
        await using var fleet = await FleetHost.StartAsync(services: services => services.AddSingleton<IMunitProvider>(provider));
        var only = await fleet.AddMunitAsync("m-a", downlinks: 290);

        await fleet.Controller.StepAsync();

        Assert.Empty(provider.Started);
        Assert.Equal(MunitState.Active, (await fleet.Fleet.MunitsAsync()).Single().State);
    }

    private sealed class RecordingProvider : IMunitProvider
    {
        private readonly object _lock = new();
        private readonly List<string> _started = [];
        private readonly List<string> _stopped = [];

        public string Name => "recording";

        public List<string> Started
        {
            get
            {
                lock (_lock)
                {
                    return [.. _started];
                }
            }
        }

        public List<string> Stopped
        {
            get
            {
                lock (_lock)
                {
                    return [.. _stopped];
                }
            }
        }

        public Task<string?> StartAsync(CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                var id = $"auto-{_started.Count + 1}";
                _started.Add(id);
                return Task.FromResult<string?>(id);
            }
        }

        public Task<bool> StopAsync(string munitId, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                var known = _started.Contains(munitId) && !_stopped.Contains(munitId);
                if (known)
                {
                    _stopped.Add(munitId);
                }

                return Task.FromResult(known);
            }
        }
    }
}
