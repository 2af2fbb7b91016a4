using System.Diagnostics;
using System.Text;

namespace Tributary.Api.Tests.Support;

/// <summary>Runs a script of <c>tests/Tributary.Api.Tests/js</c> with node and collects its output.</summary>
public static class NodeScript
{
    /// <summary>
    /// How every node script of <c>js/</c> is started: in that folder (its packages must be installed),
    /// output redirected, stdin redirected and closed by the caller.
    /// </summary>
    public static ProcessStartInfo StartInfo(string script, IEnumerable<string> args)
    {
        var folder = RepositoryPaths.Of("tests", "Tributary.Api.Tests", "js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"npm packages missing: run scripts/test or `npm install` in {folder}.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Without a redirected stdin, node inherits the test host's and reads stall (BUILD-NOTES.md).
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        var start = StartInfo(script, args);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            throw new TimeoutException($"node {script} did not finish in {timeout}: {stderr}");
        }

        // WaitForExit without timeout flushes the asynchronous readers.
        process.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return (process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }
}
