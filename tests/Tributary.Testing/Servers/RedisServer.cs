using System.Diagnostics;

namespace Tributary.Testing.Servers;

/// <summary>A throwaway redis-server on a free loopback port, without persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a new server; dispose it to stop it.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var binary = ExternalProcess.Require("/usr/bin/redis-server", "redis-server");
        var port = FreePort.Get();
        var process = ExternalProcess.Start(binary, "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);
        await ExternalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(30), process);
        return new RedisServer(process, port);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
