using Dapper;
using Tributary.Data.Migrations;
using Tributary.Server.Commands;
using Tributary.Testing;

namespace Tributary.Data.Tests.Migrations;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Start_up_applies_every_migration_and_records_it_with_a_checksum(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, Hosting.ServerRoles.Api);
        var database = host.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();

        var files = Directory.GetFiles(MigrationRunner.Location(database.Dialect), "V*__*.sql").Length;
        var applied = await connection.QueryAsync<string>("SELECT checksum FROM changelog WHERE type = 0 AND success = " + (kind == TestDatabase.Sqlite ? "1" : "true"));

        Assert.Equal(files, applied.Count());
        Assert.All(applied, c => Assert.False(string.IsNullOrEmpty(c)));
        Assert.True(MigrationRunner.IsUpToDate(database, null));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task An_applied_migration_that_changed_stops_migrate_with_exit_code_3_and_changes_nothing(TestDatabase kind)
    {
        string connectionString;
        string dataDir;
        await using (var host = await TributaryTestHost.StartAsync(kind, Hosting.ServerRoles.Api))
        {
            var database = host.GetRequiredService<Database>();
            await using var connection = await database.OpenAsync();
            // Same effect as editing V1 after it ran: the recorded checksum no longer matches the file.
            await connection.ExecuteAsync("UPDATE changelog SET checksum = 'edited' WHERE version = '1'");
            connectionString = database.ConnectionString;
            dataDir = Path.Combine(Path.GetTempPath(), $"tributary-mig-{Guid.NewGuid():N}");
        }

        var exit = await TributaryCommandLine.Create()
            .Parse(["migrate", "--data-dir", dataDir, $"--Database:ConnectionString={connectionString}"])
            .InvokeAsync();

        Assert.Equal(TributaryCommandLine.MigrationMismatchExitCode, exit);
        var check = Database.Create(connectionString, dataDir);
        await using var verify = await check.OpenAsync();
        Assert.Equal("edited", await verify.ExecuteScalarAsync<string>("SELECT checksum FROM changelog WHERE version = '1'"));
        await check.DisposeAsync();
    }
}
