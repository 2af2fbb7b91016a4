using Microsoft.Extensions.DependencyInjection;
using Tributary.Media.Engine;
using Tributary.Media.Janus;
using Tributary.Media.Munits;
using Tributary.Media.Processes;
using Tributary.Media.Tests.Janus;
using Tributary.Media.Tests.Processes;
using Tributary.Testing;

namespace Tributary.Media.Tests.Munits;

public sealed class MediaRoleTests
{
    [Fact]
    public async Task By_default_the_media_role_starts_no_Janus_and_media_signals_answer_500()
    {
        await using var host = await TributaryTestHost.StartAsync();

        var engine = host.Services.GetRequiredService<IMediaEngine>();
        var outcome = await engine.PublishAsync(new MediaRoom("r", false), "s", Sdp.Offer(), false, false);

        Assert.IsType<ClusterMediaEngine>(engine);
        Assert.Contains("media plane not available", outcome.Message, StringComparison.Ordinal);
        Assert.Null(host.Services.GetService<JanusUnit>());
        Assert.Equal(500, outcome.Code);
    }

    [Fact]
    public async Task With_Janus_enabled_the_media_role_starts_it_answers_offers_and_stops_it_with_the_host()
    {
        ProcessEvents events;
        int pid;
        await using (var host = await TributaryTestHost.StartAsync(args: ["--Media:Janus:Enabled=true", "--Media:Janus:RtpPortRange=43000-43999", "--Media:Janus:DebugLevel=3"]))
        {
            var engine = host.Services.GetRequiredService<IMediaEngine>();
            var unit = host.Services.GetRequiredService<JanusUnit>();
            events = new ProcessEvents(unit.Process!);
            pid = unit.Process!.ProcessId!.Value;

            var outcome = await engine.PublishAsync(new MediaRoom($"room-{Guid.NewGuid():N}", false), "alice", Sdp.Offer(), false, false);

            Assert.IsType<JanusMediaEngine>(engine);
            Assert.Equal(SupervisedProcessState.Healthy, unit.Process.State);
            Assert.Equal(200, outcome.Code);
            Assert.Contains("m=video", outcome.Sdp, StringComparison.Ordinal);
        }

        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        Assert.Equal(pid, exited.ProcessId);
        Assert.False(exited.Killed);
    }

    [Fact]
    public async Task Invalid_Janus_options_stop_the_host_from_starting_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TributaryTestHost.StartAsync(args: ["--Media:Janus:Enabled=true", "--Media:Janus:RtpPortRange=9-1"]));

        Assert.Contains("RtpPortRange", error.ToString(), StringComparison.Ordinal);
    }
}
