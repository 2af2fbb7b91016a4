namespace Tributary.Data.Sources;

/// <summary>The SQL dialect behind a connection string.</summary>
public enum Dialect
{
    /// <summary>The embedded default.</summary>
    Sqlite,
    /// <summary>Production.</summary>
    Postgres,
}
