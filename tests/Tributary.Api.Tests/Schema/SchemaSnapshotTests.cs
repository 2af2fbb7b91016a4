using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Schema;

public sealed class SchemaSnapshotTests
{
    private static string SnapshotPath => RepositoryPaths.Of("src", "Tributary.Api", "schema.graphql");

    [Fact]
    public void The_schema_matches_the_committed_SDL_snapshot()
    {
        using var services = new ServiceCollection().AddTributarySchema(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var live = ApiServiceCollectionExtensions.PrintSchema(services);

        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA_SNAPSHOT") == "1")
        {
            File.WriteAllText(SnapshotPath, live);
        }

        // A failure here means the schema changed: review it, then run `tributary schema > src/Tributary.Api/schema.graphql`
        // (or this test with UPDATE_SCHEMA_SNAPSHOT=1) and commit the new snapshot with the change.
        Assert.Equal(File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n"), live);
    }

    [Fact]
    public async Task Tributary_schema_command_prints_the_snapshot()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tributary.dll"));
        start.ArgumentList.Add("schema");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n"), await stdout);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_full_introspection_query_fits_the_default_depth_and_complexity_limits(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var response = await client.PostAsync(IntrospectionQuery);

        Assert.True(response.Ok, response.Body.ToString());
        Assert.Equal("Query", response.Data("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    // GraphiQL's introspection query (graphql-js getIntrospectionQuery with descriptions).
    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
