using Tributary.Testing;

namespace Tributary.Api.Tests.Support;

/// <summary>Theory data: every functional test runs on each database.</summary>
public static class Databases
{
    public static TheoryData<TestDatabase> Both => [TestDatabase.Sqlite, TestDatabase.Postgres];

    public static TheoryData<TestDatabase> All => [TestDatabase.Sqlite, TestDatabase.Postgres, TestDatabase.PgBouncer];
}
