using System.Net;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Auth;

public sealed class ExternalAuthorityTests
{
    private const string Audience = "tributary-app";

    private static string[] Args(LoopbackOidcAuthority authority) =>
    [
        $"--Auth:ExternalAuthority={authority.Issuer}",
        $"--Auth:ExternalAudience={Audience}",
        "--Auth:ExternalRequireHttpsMetadata=false",
    ];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_external_token_creates_a_local_user_on_first_sight_and_maps_to_it_afterwards(TestDatabase database)
    {
        await using var authority = await LoopbackOidcAuthority.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(database, args: Args(authority));
        var client = new GraphQLClient(host);
        var token = authority.Issue("cognito-sub-1", Audience, new Dictionary<string, object> { ["preferred_username"] = "Zoe", ["email"] = "zoe@example.com", ["name"] = "Zoe Z" });

        var first = await client.PostAsync(GraphQLClient.MeQuery, bearer: token);
        var second = await client.PostAsync(GraphQLClient.MeQuery, bearer: authority.Issue("cognito-sub-1", Audience));

        Assert.True(first.Ok, first.Body.ToString());
        Assert.Equal("Zoe", first.Data("me").GetProperty("username").GetString());
        Assert.Equal("Zoe Z", first.Data("me").GetProperty("fullname").GetString());
        Assert.Equal(first.Data("me").GetProperty("id").GetString(), second.Data("me").GetProperty("id").GetString());
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM users WHERE external_issuer = @i AND external_subject = 'cognito-sub-1' AND password_hash IS NULL", new { i = authority.Issuer }));
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'user.registered'"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_local_user_with_the_same_username_gets_the_external_one_a_suffixed_name(TestDatabase database)
    {
        await using var authority = await LoopbackOidcAuthority.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(database, args: Args(authority));
        var client = new GraphQLClient(host);
        await client.SignUpAsync("amy");

        var me = await client.PostAsync(GraphQLClient.MeQuery, bearer: authority.Issue("sub-amy", Audience, new Dictionary<string, object> { ["preferred_username"] = "AMY" }));

        Assert.True(me.Ok, me.Body.ToString());
        Assert.StartsWith("AMY_", me.Data("me").GetProperty("username").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }

    public static TheoryData<TestDatabase, string> BadExternalTokens()
    {
        var data = new TheoryData<TestDatabase, string>();
        foreach (var db in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            foreach (var kind in new[] { "foreign-key", "wrong-audience", "expired" })
            {
                data.Add(db, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadExternalTokens))]
    public async Task A_bad_external_token_answers_401_and_creates_no_user(TestDatabase database, string kind)
    {
        await using var authority = await LoopbackOidcAuthority.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(database, args: Args(authority));
        var client = new GraphQLClient(host);
        var token = kind switch
        {
            "foreign-key" => authority.Issue("sub-x", Audience, foreignKey: true),
            "wrong-audience" => authority.Issue("sub-x", "someone-else"),
            _ => authority.Issue("sub-x", Audience, age: TimeSpan.FromHours(1)),
        };

        var me = await client.PostAsync(GraphQLClient.MeQuery, bearer: token);

        Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
        Assert.Equal("UNAUTHENTICATED", me.ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
    }
}
