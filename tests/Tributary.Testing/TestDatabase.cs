namespace Tributary.Testing;

/// <summary>Which database a test host runs on.</summary>
public enum TestDatabase
{
    /// <summary>A SQLite file in the host's temporary data folder.</summary>
    Sqlite,
    /// <summary>A fresh database on the shared throwaway PostgreSQL.</summary>
    Postgres,
    /// <summary>The same, reached through PgBouncer in transaction mode (migrations go direct).</summary>
    PgBouncer,
}
