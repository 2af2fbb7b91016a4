using Tributary.Media.Janus;
using Tributary.Media.Processes;
using Tributary.Media.Tests.Processes;
using Xunit.Abstractions;

namespace Tributary.Media.Tests.Janus;

public sealed class JanusUnitTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);

    [Fact]
    public async Task A_started_unit_answers_info_with_only_VideoRoom_and_HTTP_loaded()
    {
        await using var unit = await JanusTestUnits.StartAsync(_logger);

        var info = await unit.GetInfoAsync();

        Assert.Equal("server_info", info["janus"]!.GetValue<string>());
        Assert.Equal("1.1.2", info["version_string"]!.GetValue<string>());
        Assert.Equal(["janus.plugin.videoroom"], info["plugins"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["janus.transport.http"], info["transports"]!.AsObject().Select(p => p.Key));
        Assert.False(info["full-trickle"]!.GetValue<bool>());
        Assert.False(info["ipv6"]!.GetValue<bool>());
        Assert.Equal(SupervisedProcessState.Healthy, unit.Process!.State);
    }

    [Fact]
    public async Task Requests_without_the_api_secret_are_refused_by_Janus()
    {
        await using var unit = await JanusTestUnits.StartAsync(_logger);
        using var http = new HttpClient();

        var answer = await http.PostAsync(unit.Configuration!.ApiUri, new StringContent("""{"janus":"create","transaction":"x"}"""));

        Assert.Contains("\"code\": 403", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sessions = await unit.AdminAsync("list_sessions");
        Assert.Empty(sessions["sessions"]!.AsArray());
    }

    [Fact]
    public async Task A_killed_Janus_is_restarted_and_serves_new_sessions_while_old_ones_close()
    {
        await using var unit = await JanusTestUnits.StartAsync(_logger);
        var events = new ProcessEvents(unit.Process!);
        await using var before = await unit.CreateSessionAsync();
        var firstPid = unit.Process!.ProcessId!.Value;

        Signals.Send("KILL", firstPid);

        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        var restarted = await events.NextAsync(SupervisedProcessEventKind.Healthy, e => e.Generation == 2);
        await using var after = await unit.CreateSessionAsync();
        var reason = await before.Closed.WaitAsync(TimeSpan.FromSeconds(60));
        var stale = await Assert.ThrowsAsync<JanusException>(() => before.AttachAsync("janus.plugin.videoroom"));

        Assert.Equal(firstPid, exited.ProcessId);
        Assert.Equal(137, exited.ExitCode);
        Assert.NotEqual(firstPid, restarted.ProcessId);
        Assert.True(after.IsOpen);
        Assert.True(await after.AttachAsync("janus.plugin.videoroom") > 0);
        Assert.Equal(JanusErrorCodes.SessionNotFound, reason.Code);
        Assert.Equal(JanusErrorCodes.SessionClosed, stale.Code);
    }

    [Fact]
    public async Task A_Janus_that_stops_answering_misses_its_probes_and_is_replaced()
    {
        await using var unit = await JanusTestUnits.StartAsync(_logger, o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        var events = new ProcessEvents(unit.Process!);
        var frozenPid = unit.Process!.ProcessId!.Value;
        await using var session = await unit.CreateSessionAsync();

        // SIGSTOP: the process lives, holds its ports, and answers nothing.
        Signals.Send("STOP", frozenPid);
        var timedOut = await Assert.ThrowsAsync<JanusException>(() => session.AttachAsync("janus.plugin.videoroom"));
        var unhealthy = await events.NextAsync(SupervisedProcessEventKind.Unhealthy);
        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        var healthy = await events.NextAsync(SupervisedProcessEventKind.Healthy, e => e.Generation == 2);

        Assert.Equal(JanusErrorCodes.Timeout, timedOut.Code);
        Assert.Equal(frozenPid, unhealthy.ProcessId);
        Assert.Equal(3, unhealthy.Misses);
        Assert.True(exited.Killed);
        Assert.NotEqual(frozenPid, healthy.ProcessId);
        Assert.Equal("server_info", (await unit.GetInfoAsync())["janus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dispose_stops_Janus_and_deletes_its_private_configuration()
    {
        var unit = await JanusTestUnits.StartAsync(_logger);
        var events = new ProcessEvents(unit.Process!);
        var folder = unit.Configuration!.Folder;

        await unit.DisposeAsync();

        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        Assert.False(exited.Killed);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(SupervisedProcessState.Stopped, unit.Process!.State);
    }

    [Fact]
    public async Task A_missing_janus_program_fails_start_with_the_package_to_install()
    {
        await using var unit = new JanusUnit(JanusTestUnits.Options(o => o.ExecutablePath = "/nonexistent/janus"), _logger);

        var error = await Assert.ThrowsAsync<JanusException>(() => unit.StartAsync());

        Assert.Contains("install the Debian package 'janus'", error.Message, StringComparison.Ordinal);
        Assert.Null(unit.Process);
    }
}
