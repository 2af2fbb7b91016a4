using Microsoft.Extensions.Options;
using Tributary.Data;
using Tributary.Data.Migrations;

namespace Tributary.Server.Health;

/// <summary><c>/healthz</c> (alive) and <c>/readyz</c> (database reachable, migrations applied).</summary>
public static class HealthEndpoints
{
    /// <summary>Registers what the probes need.</summary>
    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services) => services;

    /// <summary>Maps the probes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", async (Database database, IOptions<DatabaseOptions> options, CancellationToken ct) =>
        {
            try
            {
                await using (var connection = await database.OpenAsync(ct))
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT 1";
                    await command.ExecuteScalarAsync(ct);
                }

                return MigrationRunner.IsUpToDate(database, options.Value.MigrationConnectionString)
                    ? Results.Text("ready\n")
                    : Results.Text("migrations pending\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                return Results.Text("database unreachable\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return endpoints;
    }
}
