using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Tributary.Media.Processes;

/// <summary>
/// Runs one external program (Janus, later ffmpeg, GStreamer, coturn) and keeps it running: its output goes
/// to the logger, a health probe runs while it lives, it restarts with exponential back-off when it dies or
/// stops answering, and stopping sends SIGTERM, then SIGKILL after a grace period.
/// </summary>
public sealed partial class SupervisedProcess : IAsyncDisposable
{
    private readonly ProcessCommand _command;
    private readonly SupervisedProcessOptions _options;
    private readonly Func<CancellationToken, Task<bool>>? _probe;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Queue<string> _recentOutput = new();
    private TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private SupervisedProcessState _state;
    private int _generation;
    private int? _processId;

    /// <summary>Creates a supervisor; nothing runs before <see cref="Start"/>.</summary>
    /// <param name="name">A short name for logs (<c>janus</c>).</param>
    /// <param name="command">What to run.</param>
    /// <param name="options">Restart, probe and stop policy; validated here.</param>
    /// <param name="healthProbe">Answers true while the process is healthy; null means "running is healthy".
    /// It gets a token that is cancelled after <see cref="SupervisedProcessOptions.HealthProbeTimeout"/>.</param>
    /// <param name="logger">Receives the process's output and the supervisor's decisions.</param>
    /// <param name="timeProvider">Clock for back-off, probes and grace periods.</param>
    public SupervisedProcess(string name, ProcessCommand command, SupervisedProcessOptions options, Func<CancellationToken, Task<bool>>? healthProbe, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        Name = name;
        _command = command;
        _options = options;
        _probe = healthProbe;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised on the supervisor's loop for every start, probe result, exit and restart; keep handlers short.</summary>
    public event Action<SupervisedProcessEvent>? Changed;

    /// <summary>The name given at construction.</summary>
    public string Name { get; }

    /// <summary>Where the supervisor is now.</summary>
    public SupervisedProcessState State
    {
        get { lock (_gate) { return _state; } }
    }

    /// <summary>How many processes were started so far (1 after the first start).</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>The running process's id, or null between runs.</summary>
    public int? ProcessId
    {
        get { lock (_gate) { return _processId; } }
    }

    /// <summary>The last lines the process wrote (stdout and stderr), oldest first, for error messages.</summary>
    public IReadOnlyList<string> RecentOutput
    {
        get { lock (_gate) { return [.. _recentOutput]; } }
    }

    /// <summary>Starts the first process and the supervision loop; returns at once.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != SupervisedProcessState.Created)
            {
                throw new InvalidOperationException($"{Name} was already started.");
            }

            _state = SupervisedProcessState.Starting;
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Completes when a process has passed a health probe (at once when it is healthy now). Restarts in
    /// between do not fail the wait; <see cref="StopAsync"/> does, with <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task WaitUntilHealthyAsync(CancellationToken cancellationToken = default)
    {
        Task healthy;
        lock (_gate)
        {
            healthy = _healthy.Task;
        }

        return healthy.WaitAsync(cancellationToken);
    }

    /// <summary>Stops supervising: SIGTERM to the process, SIGKILL after the grace period; no more restarts.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopRequested.TrySetResult();
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (_state == SupervisedProcessState.Created)
            {
                _state = SupervisedProcessState.Stopped;
                _healthy.TrySetCanceled();
            }
        }

        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var backoff = new RestartBackoff(_options);
        var stop = _stopping.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var generation = Interlocked.Increment(ref _generation);
                var runTime = TimeSpan.Zero;
                LaunchedProcess? launched = null;
                try
                {
                    launched = Launch();
                }
                catch (Exception e) when (e is Win32Exception or InvalidOperationException or FileNotFoundException)
                {
                    Log.StartFailed(_logger, Name, _command.ToString(), e);
                    Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.StartFailed, generation));
                }

                if (launched is { } running)
                {
                    using (running)
                    {
                        runTime = await SuperviseAsync(running.Process, running.Exited, generation, stop).ConfigureAwait(false);
                    }

                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }
                }

                var delay = backoff.Next(runTime);
                SetState(SupervisedProcessState.Restarting);
                Log.RestartScheduled(_logger, Name, delay, generation);
                Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.RestartScheduled, generation, RestartDelay: delay));
                try
                {
                    await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                SetState(SupervisedProcessState.Starting);
            }
        }
        finally
        {
            lock (_gate)
            {
                _state = SupervisedProcessState.Stopped;
                _processId = null;
                _healthy.TrySetCanceled();
            }

            Log.Stopped(_logger, Name);
            Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.Stopped, Generation));
        }
    }

    private async Task<TimeSpan> SuperviseAsync(Process process, Task exited, int generation, CancellationToken stop)
    {
        var startedAt = _time.GetTimestamp();
        var pid = process.Id;
        lock (_gate)
        {
            _processId = pid;
            _state = SupervisedProcessState.Starting;
        }

        Log.Started(_logger, Name, pid, generation, _command.ToString());
        Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.Started, generation, pid));

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var unhealthy = ProbeUntilUnhealthyAsync(generation, pid, probing.Token);
        var first = await Task.WhenAny(exited, unhealthy, _stopRequested.Task).ConfigureAwait(false);
        if (first == unhealthy && !await unhealthy.ConfigureAwait(false))
        {
            // The probe loop only ends without a verdict when stop cancels it.
            first = await Task.WhenAny(exited, _stopRequested.Task).ConfigureAwait(false);
        }

        var killed = false;

        // Stop also cancels the probe loop, which may then finish first: ask the stop request, not WhenAny.
        var stopping = _stopRequested.Task.IsCompleted;
        if (stopping || (first == unhealthy && await unhealthy.ConfigureAwait(false)))
        {
            if (stopping)
            {
                SetState(SupervisedProcessState.Stopping);
            }

            killed = await TerminateAsync(process, exited).ConfigureAwait(false);
        }

        await exited.ConfigureAwait(false);
        await probing.CancelAsync().ConfigureAwait(false);
        await unhealthy.ConfigureAwait(false);

        var runTime = _time.GetElapsedTime(startedAt);
        var exitCode = process.ExitCode;
        lock (_gate)
        {
            _processId = null;
            if (_healthy.Task.IsCompleted)
            {
                _healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (stop.IsCancellationRequested)
        {
            Log.ExitedOnStop(_logger, Name, pid, exitCode, killed);
        }
        else
        {
            Log.Exited(_logger, Name, pid, exitCode, runTime);
        }

        Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.Exited, generation, pid, ExitCode: exitCode, Killed: killed));
        return runTime;
    }

    /// <summary>Probes until the process counts as unhealthy (true) or probing is cancelled (false).</summary>
    private async Task<bool> ProbeUntilUnhealthyAsync(int generation, int pid, CancellationToken cancellationToken)
    {
        if (_probe is null)
        {
            MarkHealthy(generation, pid);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return false;
        }

        var startedAt = _time.GetTimestamp();
        var healthy = false;
        var everHealthy = false;
        var misses = 0;
        try
        {
            while (true)
            {
                if (await ProbeOnceAsync(cancellationToken).ConfigureAwait(false))
                {
                    misses = 0;
                    everHealthy = true;
                    if (!healthy)
                    {
                        healthy = true;
                        MarkHealthy(generation, pid);
                    }
                }
                else if (!everHealthy)
                {
                    if (_time.GetElapsedTime(startedAt) >= _options.StartupTimeout)
                    {
                        Log.NeverHealthy(_logger, Name, pid, _options.StartupTimeout);
                        Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.Unhealthy, generation, pid));
                        return true;
                    }
                }
                else
                {
                    misses++;
                    if (healthy)
                    {
                        healthy = false;
                        SetState(SupervisedProcessState.Starting);
                    }

                    Log.ProbeMissed(_logger, Name, pid, misses, _options.MaxHealthProbeMisses);
                    Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.ProbeMissed, generation, pid, Misses: misses));
                    if (misses >= _options.MaxHealthProbeMisses)
                    {
                        Log.Unhealthy(_logger, Name, pid, misses);
                        Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.Unhealthy, generation, pid, Misses: misses));
                        return true;
                    }
                }

                var interval = everHealthy ? _options.HealthProbeInterval : _options.StartupProbeInterval;
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.HealthProbeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _probe!(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // A probe failing in any way is a miss, never a crash of the supervisor.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.ProbeFailed(_logger, Name, e.Message);
            return false;
        }
    }

    private void MarkHealthy(int generation, int pid)
    {
        lock (_gate)
        {
            if (_state is SupervisedProcessState.Starting)
            {
                _state = SupervisedProcessState.Healthy;
            }

            _healthy.TrySetResult();
        }

        Log.Healthy(_logger, Name, pid);
        Raise(new SupervisedProcessEvent(SupervisedProcessEventKind.Healthy, generation, pid));
    }

    /// <summary>SIGTERM, then SIGKILL to the whole tree after the grace period; true when SIGKILL was needed.</summary>
    private async Task<bool> TerminateAsync(Process process, Task exited)
    {
        if (exited.IsCompleted)
        {
            return false;
        }

        PosixSignals.Terminate(process.Id);
        try
        {
            await exited.WaitAsync(_options.ShutdownGracePeriod, _time).ConfigureAwait(false);
            return false;
        }
        catch (TimeoutException)
        {
            Log.Killing(_logger, Name, process.Id, _options.ShutdownGracePeriod);
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended between the timeout and the kill.
            }

            return true;
        }
    }

    private LaunchedProcess Launch()
    {
        var info = new ProcessStartInfo(_command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in _command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (_command.WorkingDirectory is { } directory)
        {
            info.WorkingDirectory = directory;
        }

        if (_command.Environment is { } environment)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        // Our own completion source rather than WaitForExitAsync: that one also waits for the output pipes
        // to close, which a leftover grandchild can hold open forever.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, error: true);
        try
        {
            ParentBoundLauncher.Start(process, _options.DieWithParent);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LaunchedProcess(process, exited.Task);
    }

    private void OnOutput(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        if (_options.RecentOutputLines > 0)
        {
            lock (_gate)
            {
                if (_recentOutput.Count == _options.RecentOutputLines)
                {
                    _recentOutput.Dequeue();
                }

                _recentOutput.Enqueue(line);
            }
        }

        if (error)
        {
            Log.ErrorOutput(_logger, Name, line);
        }
        else
        {
            Log.Output(_logger, Name, line);
        }
    }

    private void SetState(SupervisedProcessState state)
    {
        lock (_gate)
        {
            if (_state != SupervisedProcessState.Stopped)
            {
                _state = state;
            }
        }
    }

    private void Raise(SupervisedProcessEvent e)
    {
        try
        {
            Changed?.Invoke(e);
        }
#pragma warning disable CA1031 // A failing observer must not stop the supervision.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(_logger, Name, ex);
        }
    }

    private readonly record struct LaunchedProcess(Process Process, Task Exited) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }
}
