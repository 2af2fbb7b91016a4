using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tributary.Fleet.Scaling;
using Tributary.Media.Processes;

namespace Tributary.Fleet.Providers;

/// <summary>
/// The <c>process</c> provider: each munit is a local <c>tributary serve --roles media</c> process with its own id,
/// data folder, TCP port block and Janus RTP range (<see cref="ProcessMunitOptions"/>). A process that exits by itself
/// is not restarted here: its munit goes silent, the registry declares it dead, and the autoscaler stops it (freeing
/// the slot) and starts a replacement. Stopping sends SIGTERM, then SIGKILL after the grace period.
/// </summary>
public sealed partial class ProcessMunitProvider : IMunitProvider, IAsyncDisposable
{
    private readonly ProcessMunitOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly string _dataRoot;
    private readonly bool _ownsDataRoot;
    private int _starts;

    /// <summary>A provider with the given settings; throws <see cref="ArgumentException"/> when they are unusable.</summary>
    public ProcessMunitProvider(ProcessMunitOptions options, ILogger<ProcessMunitProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _logger = logger ?? NullLogger<ProcessMunitProvider>.Instance;
        _ownsDataRoot = options.DataFolder is null;
        _dataRoot = options.DataFolder ?? Directory.CreateTempSubdirectory("tributary-munits-").FullName;
    }

    /// <inheritdoc />
    public string Name => "process";

    /// <summary>Ids of the munit processes this provider runs (or ran and has not been told to stop).</summary>
    public IReadOnlyList<string> MunitIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _running.Keys];
            }
        }
    }

    /// <summary>The process id of a munit, or null when unknown.</summary>
    public int? ProcessIdOf(string munitId)
    {
        lock (_gate)
        {
            return _running.TryGetValue(munitId, out var running) ? running.Process.Id : null;
        }
    }

    /// <inheritdoc />
    public Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var used = _running.Values.Select(r => r.Slot).ToHashSet();
            var slot = Enumerable.Range(0, _options.Slots).Cast<int?>().FirstOrDefault(s => !used.Contains(s!.Value));
            if (slot is null)
            {
                return Task.FromResult<string?>(null);
            }

            var id = $"{_options.MunitIdPrefix}{slot}-{++_starts}";
            var ports = MunitPorts.ForSlot(_options, slot.Value);
            var data = Directory.CreateDirectory(Path.Combine(_dataRoot, id)).FullName;
            var command = MunitProcessCommand.Build(_options, id, ports, data);
            var info = new ProcessStartInfo(command.FileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in command.Arguments)
            {
                info.ArgumentList.Add(arg);
            }

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Forward(id, e.Data);
            process.ErrorDataReceived += (_, e) => Forward(id, e.Data);
            try
            {
                // A munit process dies with the control process that started it (kill -9 included), and its own
                // Janus with it: nothing of a crashed controller's fleet keeps running unmanaged.
                ParentBoundLauncher.Start(process);
            }
            catch
            {
                process.Dispose();
                Directory.Delete(data, recursive: true);
                throw;
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _running.Add(id, new Running(slot.Value, process, data));
            LogStarted(_logger, id, process.Id, slot.Value, ports.Http);
            return Task.FromResult<string?>(id);
        }
    }

    /// <inheritdoc />
    public async Task<bool> StopAsync(string munitId, CancellationToken cancellationToken)
    {
        Running? running;
        lock (_gate)
        {
            if (munitId is null || !_running.Remove(munitId, out running))
            {
                return false;
            }
        }

        await StopAsync(munitId, running, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops every munit process and deletes the data folders.</summary>
    public async ValueTask DisposeAsync()
    {
        List<KeyValuePair<string, Running>> all;
        lock (_gate)
        {
            all = [.. _running];
            _running.Clear();
        }

        await Task.WhenAll(all.Select(r => StopAsync(r.Key, r.Value, CancellationToken.None))).ConfigureAwait(false);
        if (_ownsDataRoot)
        {
            TryDelete(_dataRoot);
        }
    }

    private async Task StopAsync(string munitId, Running running, CancellationToken cancellationToken)
    {
        var process = running.Process;
        var killed = false;
        try
        {
            if (!process.HasExited)
            {
                PosixSignals.Terminate(process.Id);
                using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                grace.CancelAfter(_options.ShutdownGracePeriod);
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    LogKilling(_logger, munitId, _options.ShutdownGracePeriod);
                    process.Kill(entireProcessTree: true);
                    killed = true;
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            LogStopped(_logger, munitId, process.Id, process.ExitCode, killed);
        }
        finally
        {
            process.Dispose();
            TryDelete(running.DataFolder);
        }
    }

    private void Forward(string munitId, string? line)
    {
        if (line is not null)
        {
            LogOutput(_logger, munitId, line);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a file still held by a dying child; the temp folder is cleaned by the system later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed record Running(int Slot, Process Process, string DataFolder);
}
