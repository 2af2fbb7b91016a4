using System.Diagnostics;
using System.Globalization;

namespace Tributary.Bench.Signaling;

/// <summary>The server under test: <c>tributary serve --roles edge</c> in its own process, measured through /proc.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static ServerProcess Start(int port, string dataDir, string key)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "tributary.dll"), "serve", "--roles", "edge",
            "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir, $"--Auth:SigningKey={key}",
            $"--Cluster:SiloPort={port + 1000}",
            $"--Cluster:GatewayPort={port + 2000}",
            "--Logging:LogLevel:Default=Warning",
        })
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

    public async Task WaitReadyAsync(Uri uri)
    {
        using var http = new HttpClient { BaseAddress = uri };
        for (var i = 0; i < 600; i++)
        {
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
        var rss = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (ticks / 100.0, kib * 1024);
    }

    private bool _disposed;

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
