using System.Net;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Http;

public sealed class GraphQLHttpEndpointTests
{
    private const string SignUpBody = """{"query":"mutation { signUp(email: \"zed@example.com\", password: \"correct horse battery\", username: \"zed\", fullname: \"Zed\") { accessToken } }"}""";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Malformed_json_answers_400_BAD_REQUEST_and_creates_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var response = await client.SendRawAsync(HttpMethod.Post, SignUpBody[..^3], "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Wrong_or_missing_content_type_answers_415_and_creates_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var text = await client.SendRawAsync(HttpMethod.Post, SignUpBody, "text/plain");
        var none = await client.SendRawAsync(HttpMethod.Post, SignUpBody, null);
        var latin1 = await client.SendRawAsync(HttpMethod.Post, SignUpBody, "application/json; charset=iso-8859-1");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, none.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, latin1.Status);
        Assert.Equal("BAD_REQUEST", text.ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_body_over_64_KiB_answers_413_and_creates_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var padded = SignUpBody[..^1] + ",\"extensions\":{\"pad\":\"" + new string('x', 64 * 1024) + "\"}}";

        var response = await client.SendRawAsync(HttpMethod.Post, padded, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_mutation_sent_by_GET_answers_405_with_Allow_POST_and_creates_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var query = Uri.EscapeDataString("mutation { signUp(email: \"zed@example.com\", password: \"correct horse battery\", username: \"zed\", fullname: \"Zed\") { accessToken } }");

        var response = await client.SendRawAsync(HttpMethod.Get, null, null, path: "/graphql?query=" + query);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_mutation_already_cached_from_a_POST_is_still_refused_by_GET(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        const string mutation = "mutation { signUp(email: \"zed@example.com\", password: \"correct horse battery\", username: \"zed\", fullname: \"Zed\") { accessToken } }";
        var posted = await client.PostAsync(mutation);
        await client.ExecuteAsync("DELETE FROM refresh_tokens");
        await client.ExecuteAsync("DELETE FROM users");

        var response = await client.SendRawAsync(HttpMethod.Get, null, null, path: "/graphql?query=" + Uri.EscapeDataString(mutation));

        Assert.True(posted.Ok, posted.Body.ToString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_query_sent_by_GET_is_executed(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var response = await client.SendRawAsync(HttpMethod.Get, null, null, path: "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Query", response.Data("__typename").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_invalid_document_answers_400_for_graphql_response_json_and_200_for_json(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        const string body = """{"query":"{ nosuchfield }"}""";

        var modern = await client.SendRawAsync(HttpMethod.Post, body, "application/json", accept: "application/graphql-response+json");
        var legacy = await client.SendRawAsync(HttpMethod.Post, body, "application/json", accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, modern.Status);
        Assert.StartsWith("application/graphql-response+json", modern.ContentType, StringComparison.Ordinal);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", modern.ErrorCode);
        Assert.False(modern.Body.TryGetProperty("data", out _));
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.StartsWith("application/json", legacy.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_document_deeper_than_MaxDepth_is_refused_before_execution(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Api:MaxDepth=2"]);
        var client = new GraphQLClient(host);

        var deep = await client.PostAsync("{ __schema { types { fields { name } } } }");
        var shallow = await client.PostAsync("{ me { id } }");

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", deep.ErrorCode);
        Assert.False(deep.Body.TryGetProperty("data", out _));
        Assert.Equal("UNAUTHENTICATED", shallow.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Other_methods_answer_405(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var response = await client.SendRawAsync(HttpMethod.Put, SignUpBody, "application/json");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }
}
