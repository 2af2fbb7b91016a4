using System.Diagnostics;
using System.Text;
using Tributary.Testing.Servers;

namespace Tributary.Testing.Media;

/// <summary>
/// A throwaway coturn (Debian package <c>coturn</c>) inside a <see cref="NetworkNamespace"/>, listening and relaying
/// on the namespace's address only, authenticating with TURN REST credentials (<c>use-auth-secret</c> +
/// <c>static-auth-secret</c>): exactly what our server's <c>Rooms:Turn</c> mints credentials for.
/// </summary>
public sealed class CoturnServer : IDisposable
{
    /// <summary>The program.</summary>
    public const string Binary = "/usr/bin/turnserver";

    /// <summary>The listening port inside the namespace (a fresh namespace has every port free).</summary>
    public const int Port = 3478;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;

    private CoturnServer(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>The TURN URL clients use (UDP).</summary>
    public static string Url => $"turn:{NetworkNamespace.Address}:{Port}?transport=udp";

    /// <summary>Everything coturn logged so far (verbose: one line per processed allocation, with the user name).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts coturn in <paramref name="ns"/> with <paramref name="secret"/> and waits until it listens.</summary>
    public static async Task<CoturnServer> StartAsync(NetworkNamespace ns, string secret)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ExternalProcess.Require(Binary, "coturn");
        var folder = Directory.CreateTempSubdirectory("tributary-coturn-").FullName;
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[]
        {
            "netns", "exec", ns.Name, Binary, "-n", "--verbose", "--log-file=stdout", "--simple-log",
            $"--listening-ip={NetworkNamespace.Address}", $"--relay-ip={NetworkNamespace.Address}", $"--listening-port={Port}",
            "--min-port=49160", "--max-port=49260",
            "--use-auth-secret", $"--static-auth-secret={secret}", "--realm=tributary.test",
            "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay", "--no-multicast-peers",
            $"--pidfile={Path.Combine(folder, "turnserver.pid")}", $"--userdb={Path.Combine(folder, "turndb")}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start coturn");
        var server = new CoturnServer(process, folder);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            await server.WaitListeningAsync(ns, TimeSpan.FromSeconds(60));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Stops coturn and deletes its folder.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit(30_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
            // /tmp is cleaned eventually.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    // coturn logs no "ready" line: its UDP listener socket is the readiness signal.
    private async Task WaitListeningAsync(NetworkNamespace ns, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (ns.Exec("ss", "-Hlun", $"sport = :{Port}").Contains($"{NetworkNamespace.Address}:{Port}", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException((_process.HasExited ? $"coturn exited with {_process.ExitCode}" : $"coturn did not listen within {timeout}") + $":\n{Output}");
    }
}
