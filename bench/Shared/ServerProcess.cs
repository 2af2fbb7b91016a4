using System.Diagnostics;
using System.Globalization;

namespace Tributary.Bench;

/// <summary>
/// The server under test for the benchmarks that load it over sockets: <c>tributary serve</c> in its own
/// process (its sockets do not share the load generator's descriptor limit), measured through /proc and its
/// /metrics. Linked into each such benchmark project.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ServerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static ServerProcess Start(string roles, int port, string dataDir, IEnumerable<string> configuration)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tributary.dll"));
        foreach (var arg in new[] { "serve", "--roles", roles, "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir }.Concat(configuration))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process);
    }

    public async Task WaitReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("server did not start");
    }

    /// <summary>CPU seconds (user + system) and RSS of the server process.</summary>
    public (double CpuSeconds, long RssBytes) Sample()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 (utime, stime) are at 11 and 12 after the command name; clock ticks of 100 Hz.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (ticks / 100.0, RssBytes());
    }

    /// <summary>Resident set size of the server process (VmRSS).</summary>
    public long RssBytes()
    {
        var rss = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Open file descriptors of the server process.</summary>
    public int OpenFiles() => Directory.GetFiles($"/proc/{Pid}/fd").Length;

    /// <summary>
    /// The managed heap as the server's OpenTelemetry runtime metrics report it (sum of the GC heap
    /// size series after the last collection), or null when the scrape has no such series.
    /// </summary>
    public static async Task<long?> GcHeapBytesAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        long? total = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith("dotnet_gc_last_collection_heap_size_bytes", StringComparison.Ordinal) || line.StartsWith("process_runtime_dotnet_gc_heap_size_bytes", StringComparison.Ordinal)))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                total = (total ?? 0) + (long)value;
            }
        }

        return total;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
