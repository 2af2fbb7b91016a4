using System.Diagnostics;

namespace Tributary.Testing.Servers;

/// <summary>
/// A throwaway PgBouncer in transaction pooling mode (our stand-in for RDS Proxy) in front of the
/// shared <see cref="PostgresServer"/>.
/// </summary>
public sealed class PgBouncerServer
{
    private static readonly Lazy<Task<PgBouncerServer>> Shared = new(StartAsync);

    private PgBouncerServer(int port) => Port = port;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The shared PgBouncer of this test process.</summary>
    public static Task<PgBouncerServer> GetAsync() => Shared.Value;

    /// <summary>The same database as <paramref name="directConnectionString"/>, reached through PgBouncer.</summary>
    public string Through(string directConnectionString) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={PostgresServer.DatabaseOf(directConnectionString)}";

    private static async Task<PgBouncerServer> StartAsync()
    {
        var binary = ExternalProcess.Require("/usr/sbin/pgbouncer", "pgbouncer");
        OrphanedServers.Reap("tributary-pgb", "pgbouncer.pid");
        var postgres = await PostgresServer.GetAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"tributary-pgb-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = FreePort.Get();
        await File.WriteAllTextAsync(Path.Combine(folder, "users.txt"), "\"postgres\" \"\"\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "pgbouncer.ini"), $"""
            [databases]
            * = host=127.0.0.1 port={postgres.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {folder}/users.txt
            pool_mode = transaction
            max_client_conn = 500
            default_pool_size = 20
            ignore_startup_parameters = extra_float_digits,search_path
            logfile = {folder}/pgbouncer.log
            pidfile = {folder}/pgbouncer.pid
            """);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PgBouncer refuses to run as root.
            ExternalProcess.Run("chown", "-R", "postgres:postgres", folder);
        }

        var process = PostgresServer.StartAsPostgres(asRoot, binary, Path.Combine(folder, "pgbouncer.ini"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, folder);
        await ExternalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(30), process);
        return new PgBouncerServer(port);
    }

    private static void Stop(Process process, string folder)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
            }

            Directory.Delete(folder, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort at exit.
        }
    }
}
