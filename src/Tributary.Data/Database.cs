using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tributary.Data.Sources;

namespace Tributary.Data;

/// <summary>The one pooled data source of this process and its dialect.</summary>
public sealed class Database : IAsyncDisposable
{
    private Database(DbDataSource source, Dialect dialect, string connectionString)
    {
        Source = source;
        Dialect = dialect;
        ConnectionString = connectionString;
    }

    /// <summary>The pooled data source.</summary>
    public DbDataSource Source { get; }

    /// <summary>The dialect of <see cref="Source"/>.</summary>
    public Dialect Dialect { get; }

    /// <summary>The connection string the source was built from (may hold a password: never log it).</summary>
    public string ConnectionString { get; }

    /// <summary>Builds the data source for <paramref name="connectionString"/> (empty: SQLite in <paramref name="dataDir"/>).</summary>
    public static Database Create(string? connectionString, string dataDir)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(dataDir, "tributary.db")}";
        }

        var dialect = DetectDialect(connectionString);
        if (dialect == Dialect.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString)
            {
                Pooling = true,
                // Waiting writers retry for this long before SQLITE_BUSY surfaces.
                DefaultTimeout = 30,
            };
            var file = builder.DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            return new Database(SqliteFactory.Instance.CreateDataSource(builder.ConnectionString), dialect, builder.ConnectionString);
        }

        var npgsql = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Transaction-mode poolers (PgBouncer, RDS Proxy) break server-side prepared statements.
            MaxAutoPrepare = 0,
            NoResetOnClose = true,
        };
        return new Database(NpgsqlDataSource.Create(npgsql.ConnectionString), dialect, npgsql.ConnectionString);
    }

    /// <summary>SQLite for <c>Data Source=</c>/<c>Filename=</c> strings, PostgreSQL otherwise.</summary>
    public static Dialect DetectDialect(string connectionString)
    {
        var trimmed = connectionString.TrimStart();
        return trimmed.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("Filename=", StringComparison.OrdinalIgnoreCase)
            ? Dialect.Sqlite
            : Dialect.Postgres;
    }

    /// <summary>Opens a pooled connection.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A <c>column IN (…)</c> clause with one named parameter per id: portable across both dialects and
    /// safe under transaction-mode poolers (no array parameters, no prepared statements).
    /// </summary>
    public static (string Clause, DynamicParameters Parameters) InIds(string column, IEnumerable<string> ids)
    {
        var parameters = new DynamicParameters();
        var names = new List<string>();
        foreach (var id in ids.Distinct())
        {
            var name = $"p{names.Count}";
            parameters.Add(name, id);
            names.Add("@" + name);
        }

        return names.Count == 0 ? ("1 = 0", parameters) : ($"{column} IN ({string.Join(", ", names)})", parameters);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
