using System.ComponentModel.DataAnnotations;
using Tributary.Media.Processes;
using Xunit.Abstractions;

namespace Tributary.Media.Tests.Processes;

public sealed class SupervisedProcessTests(ITestOutputHelper output) : IDisposable
{
    private const string RunForever = "while :; do sleep 0.05; done\n";

    private readonly Scripts _scripts = new();
    private readonly TestLogger _logger = new(output);

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task Output_lines_go_to_the_logger_and_are_kept_for_error_messages()
    {
        var command = _scripts.Sh("echo hello-from-stdout\necho hello-from-stderr >&2\n" + RunForever);
        await using var process = new SupervisedProcess("echoer", command, Fast(), null, _logger);

        process.Start();

        var stdout = await _logger.WaitForAsync((id, m) => id.Id == 6012 && m.Contains("hello-from-stdout", StringComparison.Ordinal));
        var stderr = await _logger.WaitForAsync((id, m) => id.Id == 6013 && m.Contains("hello-from-stderr", StringComparison.Ordinal));
        Assert.Equal("[echoer] hello-from-stdout", stdout);
        Assert.Equal("[echoer stderr] hello-from-stderr", stderr);
        Assert.Contains("hello-from-stdout", process.RecentOutput);
        Assert.Contains("hello-from-stderr", process.RecentOutput);
    }

    [Fact]
    public async Task Recent_output_keeps_only_the_configured_number_of_last_lines()
    {
        var command = _scripts.Sh("for i in 1 2 3 4 5 6; do echo line-$i; done\necho done-writing\n" + RunForever);
        var options = Fast();
        options.RecentOutputLines = 3;
        await using var process = new SupervisedProcess("lines", command, options, null, _logger);

        process.Start();
        await _logger.WaitForAsync((_, m) => m.Contains("done-writing", StringComparison.Ordinal));

        Assert.Equal(["line-5", "line-6", "done-writing"], process.RecentOutput);
    }

    [Fact]
    public async Task A_crashing_process_is_restarted_with_doubling_back_off_up_to_the_cap()
    {
        var command = _scripts.Sh("exit 3\n");
        var options = Fast();
        options.InitialRestartDelay = TimeSpan.FromMilliseconds(10);
        options.MaxRestartDelay = TimeSpan.FromMilliseconds(40);
        await using var process = new SupervisedProcess("crasher", command, options, null, _logger);
        var events = new ProcessEvents(process);

        process.Start();

        var delays = new List<TimeSpan>();
        for (var generation = 1; generation <= 5; generation++)
        {
            var started = await events.NextAsync(SupervisedProcessEventKind.Started);
            var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
            var scheduled = await events.NextAsync(SupervisedProcessEventKind.RestartScheduled);
            Assert.Equal(generation, started.Generation);
            Assert.Equal(3, exited.ExitCode);
            Assert.False(exited.Killed);
            delays.Add(scheduled.RestartDelay!.Value);
        }

        Assert.Equal(new[] { 10, 20, 40, 40, 40 }.Select(ms => TimeSpan.FromMilliseconds(ms)), delays);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 6006 && e.Message.Contains("exited with code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stable_run_resets_the_back_off()
    {
        // Starts 1-3 crash at once, start 4 runs longer than StableRunTime, then crashes resume.
        var command = _scripts.Sh("""
            n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count
            if [ $n -eq 4 ]; then sleep 1.5; fi
            exit 1
            """);
        var options = Fast();
        options.InitialRestartDelay = TimeSpan.FromMilliseconds(10);
        options.MaxRestartDelay = TimeSpan.FromSeconds(10);
        options.StableRunTime = TimeSpan.FromSeconds(1);
        await using var process = new SupervisedProcess("flaky", command, options, null, _logger);
        var events = new ProcessEvents(process);

        process.Start();

        var delays = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            delays.Add((await events.NextAsync(SupervisedProcessEventKind.RestartScheduled)).RestartDelay!.Value.TotalMilliseconds);
        }

        Assert.Equal([10, 20, 40, 10, 20], delays);
    }

    [Fact]
    public async Task Missed_health_probes_restart_the_process()
    {
        var answering = true;
        var command = _scripts.Sh(RunForever);
        var options = Fast();
        options.MaxHealthProbeMisses = 3;
        await using var process = new SupervisedProcess("prober", command, options, _ => Task.FromResult(Volatile.Read(ref answering)), _logger);
        var events = new ProcessEvents(process);

        process.Start();
        var firstHealthy = await events.NextAsync(SupervisedProcessEventKind.Healthy);
        Assert.Equal(SupervisedProcessState.Healthy, process.State);
        var firstPid = firstHealthy.ProcessId!.Value;
        Volatile.Write(ref answering, false);

        var missed = await events.NextAsync(SupervisedProcessEventKind.ProbeMissed);
        var unhealthy = await events.NextAsync(SupervisedProcessEventKind.Unhealthy);
        Volatile.Write(ref answering, true);
        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        var restarted = await events.NextAsync(SupervisedProcessEventKind.Started);
        var healthyAgain = await events.NextAsync(SupervisedProcessEventKind.Healthy);

        Assert.Equal(1, missed.Misses);
        Assert.Equal(3, unhealthy.Misses);
        Assert.Equal(firstPid, exited.ProcessId);
        Assert.False(IsRunning(firstPid));
        Assert.Equal(2, restarted.Generation);
        Assert.NotEqual(firstPid, restarted.ProcessId);
        Assert.Equal(restarted.ProcessId, healthyAgain.ProcessId);
        Assert.Equal(restarted.ProcessId, process.ProcessId);
        Assert.True(IsRunning(restarted.ProcessId!.Value));
    }

    [Fact]
    public async Task A_probe_that_throws_or_hangs_counts_as_a_miss()
    {
        var calls = 0;
        var command = _scripts.Sh(RunForever);
        var options = Fast();
        options.HealthProbeTimeout = TimeSpan.FromMilliseconds(50);
        options.MaxHealthProbeMisses = 2;
        await using var process = new SupervisedProcess("odd-prober", command, options, async ct =>
        {
            switch (Interlocked.Increment(ref calls))
            {
                case 1: return true;
                case 2: throw new HttpRequestException("connection refused");
                default:
                    await Task.Delay(Timeout.Infinite, ct);
                    return true;
            }
        }, _logger);
        var events = new ProcessEvents(process);

        process.Start();

        var unhealthy = await events.NextAsync(SupervisedProcessEventKind.Unhealthy);
        Assert.Equal(2, unhealthy.Misses);
        Assert.Equal(1, unhealthy.Generation);
        await events.NextAsync(SupervisedProcessEventKind.Started, e => e.Generation == 2);
    }

    [Fact]
    public async Task A_process_that_never_passes_a_probe_is_restarted_after_the_startup_timeout()
    {
        var command = _scripts.Sh(RunForever);
        var options = Fast();
        options.StartupTimeout = TimeSpan.FromMilliseconds(200);
        await using var process = new SupervisedProcess("mute", command, options, _ => Task.FromResult(false), _logger);
        var events = new ProcessEvents(process);
        var waiting = process.WaitUntilHealthyAsync();

        process.Start();

        var unhealthy = await events.NextAsync(SupervisedProcessEventKind.Unhealthy);
        await events.NextAsync(SupervisedProcessEventKind.Started, e => e.Generation == 2);
        Assert.Equal(1, unhealthy.Generation);
        Assert.Equal(0, unhealthy.Misses);
        Assert.False(waiting.IsCompleted);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 6005);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_a_process_that_handles_it_exits_on_its_own()
    {
        var command = _scripts.Sh("trap 'echo term > got-term; exit 0' TERM\necho trap-armed\n" + RunForever);
        await using var process = new SupervisedProcess("polite", command, Fast(), null, _logger);
        var events = new ProcessEvents(process);
        process.Start();
        var started = await events.NextAsync(SupervisedProcessEventKind.Started);
        await _logger.WaitForAsync((_, m) => m.EndsWith("trap-armed", StringComparison.Ordinal));

        await process.StopAsync();

        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        await events.NextAsync(SupervisedProcessEventKind.Stopped);
        Assert.Equal(0, exited.ExitCode);
        Assert.False(exited.Killed);
        Assert.Equal("term", File.ReadAllText(_scripts.Path("got-term")).Trim());
        Assert.False(IsRunning(started.ProcessId!.Value));
        Assert.Equal(SupervisedProcessState.Stopped, process.State);
        Assert.Null(process.ProcessId);
        Assert.DoesNotContain(events.Seen, e => e.Kind == SupervisedProcessEventKind.RestartScheduled);
    }

    [Fact]
    public async Task Stop_kills_a_process_that_ignores_SIGTERM_once_the_grace_period_is_over()
    {
        var command = _scripts.Sh("trap '' TERM\necho trap-armed\n" + RunForever);
        var options = Fast();
        options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(300);
        await using var process = new SupervisedProcess("stubborn", command, options, null, _logger);
        var events = new ProcessEvents(process);
        process.Start();
        var started = await events.NextAsync(SupervisedProcessEventKind.Started);
        await _logger.WaitForAsync((_, m) => m.EndsWith("trap-armed", StringComparison.Ordinal));

        await process.StopAsync();

        var exited = await events.NextAsync(SupervisedProcessEventKind.Exited);
        Assert.True(exited.Killed);
        Assert.Equal(137, exited.ExitCode);
        Assert.False(IsRunning(started.ProcessId!.Value));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 6009);
    }

    [Fact]
    public async Task A_missing_program_is_reported_and_retried_until_stopped()
    {
        var command = new ProcessCommand(_scripts.Path("no-such-program"), []);
        await using var process = new SupervisedProcess("ghost", command, Fast(), null, _logger);
        var events = new ProcessEvents(process);
        var waiting = process.WaitUntilHealthyAsync();

        process.Start();
        var first = await events.NextAsync(SupervisedProcessEventKind.StartFailed);
        var second = await events.NextAsync(SupervisedProcessEventKind.StartFailed);
        await process.StopAsync();

        Assert.Equal(1, first.Generation);
        Assert.Equal(2, second.Generation);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 6001 && e.Message.Contains("no-such-program", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(SupervisedProcessState.Stopped, process.State);
    }

    [Fact]
    public async Task WaitUntilHealthy_completes_once_the_first_probe_answers()
    {
        var command = _scripts.Sh("touch ready\n" + RunForever);
        await using var process = new SupervisedProcess("ready-file", command, Fast(), _ => Task.FromResult(File.Exists(_scripts.Path("ready"))), _logger);

        process.Start();
        await process.WaitUntilHealthyAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SupervisedProcessState.Healthy, process.State);
        Assert.True(File.Exists(_scripts.Path("ready")));
    }

    [Fact]
    public async Task Start_twice_is_refused()
    {
        await using var process = new SupervisedProcess("twice", _scripts.Sh(RunForever), Fast(), null, _logger);
        process.Start();

        Assert.Throws<InvalidOperationException>(process.Start);
    }

    [Fact]
    public void Options_with_a_cap_below_the_initial_delay_are_refused()
    {
        var options = new SupervisedProcessOptions { InitialRestartDelay = TimeSpan.FromSeconds(10), MaxRestartDelay = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<ValidationException>(() => new SupervisedProcess("bad", _scripts.Sh(RunForever), options, null, _logger));
        Assert.Contains("MaxRestartDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_zero_probe_misses_are_refused()
    {
        var options = new SupervisedProcessOptions { MaxHealthProbeMisses = 0 };

        Assert.Throws<ValidationException>(options.Validate);
    }

    [Fact]
    public void Default_options_are_valid_and_as_documented()
    {
        var options = new SupervisedProcessOptions();

        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialRestartDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRestartDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.StableRunTime);
        Assert.Equal(TimeSpan.FromSeconds(1), options.HealthProbeInterval);
        Assert.Equal(3, options.MaxHealthProbeMisses);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownGracePeriod);
    }

    private static SupervisedProcessOptions Fast() => new()
    {
        InitialRestartDelay = TimeSpan.Zero,
        MaxRestartDelay = TimeSpan.FromMilliseconds(50),
        StableRunTime = TimeSpan.FromHours(1),
        HealthProbeInterval = TimeSpan.FromMilliseconds(20),
        StartupProbeInterval = TimeSpan.FromMilliseconds(10),
        HealthProbeTimeout = TimeSpan.FromSeconds(5),
        StartupTimeout = TimeSpan.FromSeconds(30),
        ShutdownGracePeriod = TimeSpan.FromSeconds(10),
    };

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
