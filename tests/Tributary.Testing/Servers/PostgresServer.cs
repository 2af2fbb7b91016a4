using System.Diagnostics;
using Npgsql;

namespace Tributary.Testing.Servers;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port, shared by the tests of one process and
/// removed when it exits. Each test takes its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static int _databases;
    private readonly string _folder;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A connection string to the <c>postgres</c> database as superuser.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>The shared server of this test process.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary>The database name in a connection string made by <see cref="CreateDatabaseAsync"/>.</summary>
    public static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static async Task<PostgresServer> StartAsync()
    {
        ExternalProcess.Require($"{Bin}/initdb", "postgresql");
        OrphanedServers.Reap("tributary-pg", "postmaster.pid");
        var folder = Path.Combine(Path.GetTempPath(), $"tributary-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            ExternalProcess.Run("chown", "postgres:postgres", folder);
        }

        var port = FreePort.Get();
        RunAsPostgres(asRoot, $"{Bin}/initdb", "-D", folder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        var server = new PostgresServer(folder, port);
        var process = StartAsPostgres(asRoot, $"{Bin}/postgres", "-D", folder, "-p", port.ToString(), "-k", folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(process);
        await ExternalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60), process);
        // The port opens before the server accepts logins.
        for (var i = 0; ; i++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.AdminConnectionString);
                await connection.OpenAsync();
                break;
            }
            catch (NpgsqlException) when (i < 100)
            {
                await Task.Delay(100);
            }
        }

        return server;
    }

    private void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
                process.WaitForExit(10_000);
            }

            Directory.Delete(_folder, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort at exit; the folder is under /tmp.
        }
    }

    internal static void RunAsPostgres(bool asRoot, string file, params string[] args)
    {
        if (asRoot)
        {
            ExternalProcess.Run("runuser", ["-u", "postgres", "--", file, .. args]);
        }
        else
        {
            ExternalProcess.Run(file, args);
        }
    }

    internal static Process StartAsPostgres(bool asRoot, string file, params string[] args) =>
        asRoot ? ExternalProcess.Start("runuser", ["-u", "postgres", "--", file, .. args]) : ExternalProcess.Start(file, args);
}
