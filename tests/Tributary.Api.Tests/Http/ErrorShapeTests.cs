using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Http;

public sealed class ErrorShapeTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite, "Production", false)]
    [InlineData(TestDatabase.Sqlite, "Development", true)]
    [InlineData(TestDatabase.Postgres, "Production", false)]
    [InlineData(TestDatabase.Postgres, "Development", true)]
    public async Task A_broken_dependency_answers_INTERNAL_with_details_only_in_Development(TestDatabase database, string environment, bool details)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: [$"--environment={environment}"]);
        var client = new GraphQLClient(host);
        var token = (await client.SignUpAsync("broken")).GetProperty("accessToken").GetString();
        // Break the database under the running server: the resolver's query now fails.
        await client.ExecuteAsync("ALTER TABLE users RENAME TO users_gone");

        var me = await client.PostAsync(GraphQLClient.MeQuery, bearer: token);

        Assert.Equal("INTERNAL", me.ErrorCode);
        var error = me.Body.GetProperty("errors")[0];
        if (details)
        {
            Assert.True(error.GetProperty("extensions").TryGetProperty("details", out _), error.ToString());
        }
        else
        {
            Assert.Equal("Internal server error.", me.ErrorMessage);
            Assert.DoesNotContain("users", error.ToString(), StringComparison.Ordinal);
            Assert.False(error.GetProperty("extensions").TryGetProperty("details", out _), error.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_document_over_MaxComplexity_is_refused_before_execution(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Api:MaxComplexity=5"]);
        var client = new GraphQLClient(host);

        var costly = await client.PostAsync(GraphQLClient.MeQuery);
        var cheap = await client.PostAsync("{ me { id } }");

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", costly.ErrorCode);
        Assert.Contains("complex", costly.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("UNAUTHENTICATED", cheap.ErrorCode);
    }
}
