using System.Data.Common;
using EvolveDb;
using EvolveDb.Dialect;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tributary.Data.Sources;

namespace Tributary.Data.Migrations;

/// <summary>Applies the plain-SQL migrations in <c>sql/&lt;dialect&gt;/V&lt;n&gt;__name.sql</c> with Evolve.</summary>
public static class MigrationRunner
{
    /// <summary>The folder holding the migrations of <paramref name="dialect"/>.</summary>
    public static string Location(Dialect dialect) =>
        Path.Combine(AppContext.BaseDirectory, "sql", dialect == Dialect.Sqlite ? "sqlite" : "postgres");

    /// <summary>
    /// Applies pending migrations. An edited, already applied migration throws
    /// <see cref="MigrationException"/> naming the file, and nothing is applied.
    /// </summary>
    /// <returns>The number of migrations applied.</returns>
    public static int Migrate(Database database, string? migrationConnectionString, Action<string> log)
    {
        using var connection = OpenForMigration(database, migrationConnectionString);
        if (database.Dialect == Dialect.Sqlite)
        {
            connection.Open();
            // WAL lets readers run beside the single writer; the setting is stored in the file.
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }

        var evolve = new Evolve(connection, log, database.Dialect == Dialect.Sqlite ? DBMS.SQLite : DBMS.PostgreSQL)
        {
            Locations = [Location(database.Dialect)],
            IsEraseDisabled = true,
            MetadataTableName = "changelog",
            OutOfOrder = false,
        };
        try
        {
            evolve.Migrate();
        }
        catch (EvolveValidationException e)
        {
            throw new MigrationException($"Database migrations do not match the applied history: {e.Message}", e);
        }

        return evolve.NbMigration;
    }

    /// <summary>True when every migration file has been applied.</summary>
    public static bool IsUpToDate(Database database, string? migrationConnectionString)
    {
        using var connection = OpenForMigration(database, migrationConnectionString);
        var evolve = new Evolve(connection, _ => { }, database.Dialect == Dialect.Sqlite ? DBMS.SQLite : DBMS.PostgreSQL)
        {
            Locations = [Location(database.Dialect)],
            IsEraseDisabled = true,
            MetadataTableName = "changelog",
        };
        try
        {
            evolve.Validate();
            return true;
        }
        catch (EvolveException)
        {
            return false;
        }
    }

    private static DbConnection OpenForMigration(Database database, string? migrationConnectionString)
    {
        if (database.Dialect == Dialect.Postgres && !string.IsNullOrWhiteSpace(migrationConnectionString))
        {
            return new NpgsqlConnection(migrationConnectionString);
        }

        return database.Dialect == Dialect.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
    }
}
