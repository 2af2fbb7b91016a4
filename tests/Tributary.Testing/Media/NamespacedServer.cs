using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tributary.Auth;
using Tributary.Data;
using Tributary.Hosting;

namespace Tributary.Testing.Media;

/// <summary>
/// The real server (<c>tributary.dll serve</c> from the test's output folder) running as its own process inside a
/// <see cref="NetworkNamespace"/>, so media (Janus, Chromium) only ever sees the namespace's addresses. Output is
/// captured for failure messages; <see cref="Http"/> reaches it from the test process; users and access tokens
/// are made against its data folder.
/// </summary>
public sealed partial class NamespacedServer : IAsyncDisposable
{
    /// <summary>The port inside the namespace: a fresh namespace has every port free, so a fixed one is safe.</summary>
    public const int DefaultPort = 18080;

    private const int SigTerm = 15;
    private const int SigKill = 9;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _signingKey;
    private readonly SocketsHttpHandler _handler;

    private NamespacedServer(NetworkNamespace ns, Process process, string dataDir, string signingKey, int port)
    {
        Namespace = ns;
        _process = process;
        DataDir = dataDir;
        _signingKey = signingKey;
        Port = port;
        _handler = ns.CreateHttpHandler();
        Http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = new Uri(Origin), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The namespace the server runs in.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>The server's data folder (deleted at dispose).</summary>
    public string DataDir { get; }

    /// <summary>The server's process id (<c>ip netns exec</c> execs into <c>dotnet</c>, so this is the server itself).</summary>
    public int Pid => _process.Id;

    /// <summary>The HTTP port inside the namespace.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>: a secure-context origin for pages inside the namespace.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>An HTTP client whose connections are made inside the namespace, based at <see cref="Origin"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything the server (and, through its logging, Janus) wrote so far, plus lines added with <see cref="Note"/>.</summary>
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

    /// <summary>
    /// Starts the server in <paramref name="ns"/> with <c>--roles</c> <paramref name="roles"/>, the Development
    /// environment, Debug logging for Tributary and <paramref name="args"/> appended (e.g.
    /// <see cref="JanusArgs"/>), and waits until <c>/readyz</c> answers 200 (up to <paramref name="readyTimeout"/>,
    /// default 180 s: the machine running the tests may be loaded).
    /// </summary>
    public static async Task<NamespacedServer> StartAsync(NetworkNamespace ns, string roles = "all", IEnumerable<string>? args = null, int port = DefaultPort, TimeSpan? readyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var dataDir = Directory.CreateTempSubdirectory("tributary-ns-").FullName;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[]
        {
            "netns", "exec", ns.Name, "dotnet", Path.Combine(AppContext.BaseDirectory, "tributary.dll"), "serve",
            "--roles", roles, "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir, "--environment", "Development",
            $"--Auth:SigningKey={key}", "--Logging:LogLevel:Tributary=Debug",
        }.Concat(args ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ip netns exec");
        var server = new NamespacedServer(ns, process, dataDir, key, port);
        process.OutputDataReceived += (_, e) => server.Note(e.Data);
        process.ErrorDataReceived += (_, e) => server.Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            await server.WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(180));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The arguments that run Janus (the media role) with media on the namespace's address (MEDIA-TESTING.md).</summary>
    public static IReadOnlyList<string> JanusArgs { get; } =
    [
        "--Media:Janus:Enabled=true",
        $"--Media:Janus:Interface={NetworkNamespace.Address}",
        $"--Media:Janus:IceEnforceList={NetworkNamespace.Address}",
    ];

    /// <summary>Adds a line to <see cref="Output"/> (browser console lines, test milestones).</summary>
    public void Note(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Adds a user to the server's database; returns its id.</summary>
    public async Task<string> CreateUserAsync(string username)
    {
        var database = Database.Create(null, DataDir);
        await using (database)
        {
            return await TestUsers.InsertAsync(database, $"{username}-{Guid.NewGuid().ToString("N")[..8]}", username);
        }
    }

    /// <summary>An access token for <paramref name="userId"/> signed with the server's key.</summary>
    public string IssueToken(string userId) =>
        new AccessTokens(
            Options.Create(new TokenOptions { SigningKey = _signingKey }),
            Options.Create(new ServerOptions { DataDir = DataDir }),
            TimeProvider.System).Issue(userId).Token;

    /// <summary>
    /// <c>kill -9</c> of the server and of every process it started (its Janus): a SIGKILLed parent does not take its
    /// children along, so a crash of the whole munit — Janus and regulator — is both killed at once. Waits until the
    /// server has exited.
    /// </summary>
    public async Task KillAsync()
    {
        var tree = ProcessTree.Descendants(_process.Id);
        _ = Kill(_process.Id, SigKill);
        foreach (var child in tree)
        {
            _ = Kill(child, SigKill);
        }

        await _process.WaitForExitAsync();
        foreach (var child in tree)
        {
            while (ProcessTree.IsRunning(child))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops the server (SIGTERM, so Janus is stopped cleanly; SIGKILL of the tree after 30 s) and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        Http.Dispose();
        _handler.Dispose();
        try
        {
            Directory.Delete(DataDir, true);
        }
        catch (IOException)
        {
            // /tmp is cleaned eventually.
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative), probe.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException(
            (_process.HasExited ? $"the server in namespace {Namespace.Name} exited with {_process.ExitCode}" : $"the server in namespace {Namespace.Name} was not ready after {timeout}")
            + $":\n{Output}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
