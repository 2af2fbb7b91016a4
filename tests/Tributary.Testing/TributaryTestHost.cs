using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Hosting;
using Tributary.Server;
using Tributary.Testing.Servers;

namespace Tributary.Testing;

/// <summary>
/// The real server, in this process, on free loopback ports (HTTP and Orleans), with its own data
/// folder. Dispose to stop it and delete the folder.
/// </summary>
public sealed class TributaryTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TributaryTestHost(WebApplication app, Uri baseUri, string dataDir, string connectionString)
    {
        _app = app;
        BaseUri = baseUri;
        DataDir = dataDir;
        ConnectionString = connectionString;
        Http = new HttpClient { BaseAddress = baseUri };
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUri { get; }

    /// <summary>ws://127.0.0.1:port/</summary>
    public Uri WebSocketUri => new($"ws://{BaseUri.Authority}/");

    /// <summary>The host's temporary data folder.</summary>
    public string DataDir { get; }

    /// <summary>The database connection string the host uses (empty: SQLite in <see cref="DataDir"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>A client with <see cref="BaseUri"/> as base address.</summary>
    public HttpClient Http { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host.</summary>
    /// <param name="database">Which database to run on.</param>
    /// <param name="roles">Roles to run (default all).</param>
    /// <param name="args">Extra <c>--Section:Key=value</c> configuration.</param>
    /// <param name="configure">Last-minute changes to the builder (e.g. a fake clock).</param>
    /// <param name="connectionString">Reuse this database instead of creating one (e.g. a second node).</param>
    public static Task<TributaryTestHost> StartAsync(
        TestDatabase database = TestDatabase.Sqlite,
        ServerRoles roles = ServerRoles.All,
        IEnumerable<string>? args = null,
        Action<WebApplicationBuilder>? configure = null,
        string? connectionString = null) =>
        // Started on the thread pool: xunit's synchronization context and Orleans start-up do not mix.
        Task.Run(async () =>
        {
            var dataDir = Path.Combine(Path.GetTempPath(), $"tributary-test-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dataDir);
            var port = FreePort.Get();
            var all = new List<string>
            {
                $"--urls=http://127.0.0.1:{port}",
                $"--Server:DataDir={dataDir}",
                "--environment=Development",
                $"--Cluster:SiloPort={FreePort.Get()}",
                $"--Cluster:GatewayPort={FreePort.Get()}",
            };
            switch (database)
            {
                case TestDatabase.Postgres when connectionString is null:
                    connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
                    break;
                case TestDatabase.PgBouncer when connectionString is null:
                    var direct = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
                    connectionString = (await PgBouncerServer.GetAsync()).Through(direct);
                    all.Add($"--Database:MigrationConnectionString={direct}");
                    break;
                case TestDatabase.PgBouncer:
                    var bouncer = await PgBouncerServer.GetAsync();
                    all.Add($"--Database:MigrationConnectionString=Host=127.0.0.1;Port={(await PostgresServer.GetAsync()).Port};Username=postgres;Database={PostgresServer.DatabaseOf(connectionString)}");
                    connectionString = bouncer.Through(connectionString);
                    break;
                default:
                    break;
            }

            if (connectionString is not null)
            {
                all.Add($"--Database:ConnectionString={connectionString}");
            }

            all.AddRange(args ?? []);
            var app = TributaryApp.Build(roles, all, configure);
            await app.StartAsync();
            return new TributaryTestHost(app, new Uri($"http://127.0.0.1:{port}/"), dataDir, connectionString ?? string.Empty);
        });

    /// <summary>A service of the host.</summary>
    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
        }
        finally
        {
            await _app.DisposeAsync();
            try
            {
                Directory.Delete(DataDir, true);
            }
            catch (IOException)
            {
                // A file still open by a pooled SQLite connection; /tmp is cleaned eventually.
            }
        }
    }
}
