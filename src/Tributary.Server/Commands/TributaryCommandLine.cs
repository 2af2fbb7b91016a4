using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.Options;
using Tributary.Api;
using Tributary.Data;
using Tributary.Data.Migrations;
using Tributary.Hosting;

namespace Tributary.Server.Commands;

/// <summary>The <c>tributary</c> command line: <c>serve</c> (default), <c>migrate</c>, <c>schema</c>, <c>version</c>, <c>munit</c>.</summary>
public static class TributaryCommandLine
{
    /// <summary>Exit code when the database history does not match the migration files.</summary>
    public const int MigrationMismatchExitCode = 3;

    /// <summary>Exit code for bad command-line input.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var roles = new Option<string>("--roles")
        {
            Description = "Comma list of roles: all, api, edge, media, studio, control.",
            DefaultValueFactory = _ => "all",
        };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses (default http://127.0.0.1:8080)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the embedded database and local state (default ./data; env TRIBUTARY_DATA_DIR)." };
        var environment = new Option<string?>("--environment") { Description = "Development, Staging or Production (default Production)." };

        var serve = new Command("serve", "Start the server (the default command). Any --Section:Key=value sets configuration.")
        {
            roles, urls, dataDir, environment,
        };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, ct) =>
        {
            if (!ServerRolesParser.TryParse(parse.GetValue(roles), out var parsed, out var error))
            {
                await Console.Error.WriteLineAsync(error);
                return UsageExitCode;
            }

            var configArgs = ConfigurationArgs(parse.UnmatchedTokens, parse.GetValue(urls), parse.GetValue(dataDir), parse.GetValue(environment));
            try
            {
                var app = TributaryApp.Build(parsed, configArgs);
                await app.StartAsync(ct);
                foreach (var address in app.Urls)
                {
                    Console.WriteLine($"Tributary {Version} ({ServerRolesParser.Format(parsed)}) listening on {address}; GraphQL at {address.TrimEnd('/')}/graphql");
                }

                await app.WaitForShutdownAsync(ct);
                return 0;
            }
            catch (MigrationException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return MigrationMismatchExitCode;
            }
        });

        var migrate = new Command("migrate", "Apply pending database migrations and exit.") { dataDir, environment };
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction(async (parse, ct) =>
        {
            var configArgs = ConfigurationArgs(parse.UnmatchedTokens, null, parse.GetValue(dataDir), parse.GetValue(environment));
            var app = TributaryApp.Build(ServerRoles.None, [.. configArgs, "--Database:MigrateOnStart=false"]);
            var database = app.Services.GetRequiredService<Database>();
            var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            try
            {
                var applied = MigrationRunner.Migrate(database, options.MigrationConnectionString, _ => { });
                Console.WriteLine($"{applied} migrations applied ({database.Dialect}).");
                return 0;
            }
            catch (MigrationException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return MigrationMismatchExitCode;
            }
            finally
            {
                await database.DisposeAsync();
            }
        });

        var schema = new Command("schema", "Print the GraphQL schema (SDL).");
        schema.SetAction(_ =>
        {
            using var services = new ServiceCollection()
                .AddTributarySchema(new ConfigurationBuilder().Build())
                .BuildServiceProvider();
            Console.Write(ApiServiceCollectionExtensions.PrintSchema(services));
        });

        var version = new Command("version", "Print the version.");
        version.SetAction(_ => Console.WriteLine(Version));

        var root = new RootCommand("Tributary: the backend of a live social video app.")
        {
            serve, migrate, schema, version, MunitCommand.Create(),
            roles, urls, dataDir, environment,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => serve.Action is System.CommandLine.Invocation.AsynchronousCommandLineAction a
            ? a.InvokeAsync(parse, ct)
            : Task.FromResult(1));
        return root;
    }

    /// <summary>The server version.</summary>
    public static string Version =>
        typeof(TributaryCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static List<string> ConfigurationArgs(IReadOnlyList<string> unmatched, string? urls, string? dataDir, string? environment)
    {
        var args = new List<string>(unmatched);
        if (urls is not null)
        {
            args.Add($"--urls={urls}");
        }

        if (dataDir is not null)
        {
            args.Add($"--{ServerOptions.Section}:DataDir={dataDir}");
        }

        if (environment is not null)
        {
            args.Add($"--environment={environment}");
        }

        return args;
    }
}
