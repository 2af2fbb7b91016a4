namespace Tributary.Data.Migrations;

/// <summary>The database's migration history does not match the migration files (exit code 3).</summary>
public sealed class MigrationException(string message, Exception inner) : Exception(message, inner);
