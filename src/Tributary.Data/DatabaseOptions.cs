namespace Tributary.Data;

/// <summary>Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Database";

    /// <summary>
    /// ADO.NET connection string. Default empty: a SQLite file <c>tributary.db</c> in the data folder.
    /// <c>Data Source=…</c> selects SQLite; <c>Host=…</c> selects PostgreSQL (directly or through PgBouncer).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// A direct PostgreSQL connection for migrations when <see cref="ConnectionString"/> goes through a
    /// transaction-mode pooler (Evolve holds a session lock). Default empty: use <see cref="ConnectionString"/>.
    /// </summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up. Default true; set false where <c>tributary migrate</c> runs as a job.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
