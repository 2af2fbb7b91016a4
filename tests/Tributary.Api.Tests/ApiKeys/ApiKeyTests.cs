using System.Net;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.ApiKeys;

public sealed class ApiKeyTests
{
    private const string Create = "mutation ($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { key apiKey { id name scopes revokedAt } } }";

    private static readonly string[] AdminArgs = ["--Accounts:AdminEmails:0=Admin@Example.com"];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_admin_creates_a_key_whose_scope_allows_reading_users_until_it_is_revoked(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: AdminArgs);
        var client = new GraphQLClient(host);
        var admin = (await client.SignUpAsync("admin", email: "admin@example.com")).GetProperty("accessToken").GetString();
        var userId = (await client.SignUpAsync("wendy")).GetProperty("user").GetProperty("id").GetString();

        var created = await client.PostAsync(Create, new { name = "billing", scopes = new[] { "users:read" } }, bearer: admin);
        var key = created.Data("createApiKey").GetProperty("key").GetString()!;
        var read = await client.PostAsync("query ($id: ID!) { user(id: $id) { username email } }", new { id = userId }, apiKey: key);
        var me = await client.PostAsync(GraphQLClient.MeQuery, apiKey: key);
        var revoke = await client.PostAsync("mutation ($id: ID!) { revokeApiKey(id: $id) }", new { id = created.Data("createApiKey").GetProperty("apiKey").GetProperty("id").GetString() }, bearer: admin);
        var afterRevoke = await client.PostAsync("query ($id: ID!) { user(id: $id) { username } }", new { id = userId }, apiKey: key);

        Assert.StartsWith("trk_", key, StringComparison.Ordinal);
        Assert.Equal("wendy", read.Data("user").GetProperty("username").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.Data("user").GetProperty("email").ValueKind);
        Assert.Equal("FORBIDDEN", me.ErrorCode);
        Assert.True(revoke.Data("revokeApiKey").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.Status);
        Assert.Equal("UNAUTHENTICATED", afterRevoke.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_key_without_the_scope_is_FORBIDDEN_and_a_wrong_secret_is_401(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: AdminArgs);
        var client = new GraphQLClient(host);
        var admin = (await client.SignUpAsync("admin", email: "admin@example.com")).GetProperty("accessToken").GetString();
        var userId = (await client.SignUpAsync("xena")).GetProperty("user").GetProperty("id").GetString();
        var key = (await client.PostAsync(Create, new { name = "no scopes", scopes = Array.Empty<string>() }, bearer: admin)).Data("createApiKey").GetProperty("key").GetString()!;

        var unscoped = await client.PostAsync("query ($id: ID!) { user(id: $id) { username } }", new { id = userId }, apiKey: key);
        var wrongSecret = await client.PostAsync("{ __typename }", apiKey: key[..^4] + "AAAA");
        var garbage = await client.PostAsync("{ __typename }", apiKey: "hello");

        Assert.Equal("FORBIDDEN", unscoped.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Non_admins_and_unknown_scopes_cannot_create_keys_and_nothing_is_stored(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: AdminArgs);
        var client = new GraphQLClient(host);
        var admin = (await client.SignUpAsync("admin", email: "admin@example.com")).GetProperty("accessToken").GetString();
        var user = (await client.SignUpAsync("yuri")).GetProperty("accessToken").GetString();

        var byUser = await client.PostAsync(Create, new { name = "mine", scopes = new[] { "users:read" } }, bearer: user);
        var anonymous = await client.PostAsync(Create, new { name = "mine", scopes = new[] { "users:read" } });
        var unknownScope = await client.PostAsync(Create, new { name = "root", scopes = new[] { "everything" } }, bearer: admin);
        var list = await client.PostAsync("{ apiKeys { id } }", bearer: user);

        Assert.Equal("FORBIDDEN", byUser.ErrorCode);
        Assert.Equal("UNAUTHENTICATED", anonymous.ErrorCode);
        Assert.Equal("BAD_USER_INPUT", unknownScope.ErrorCode);
        Assert.Equal("scopes", unknownScope.ErrorField);
        Assert.Equal("FORBIDDEN", list.ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM api_keys"));
    }
}
