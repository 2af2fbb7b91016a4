using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tributary.Api.Tests.Support;
using Tributary.Auth;
using Tributary.Hosting;
using Tributary.Testing;

namespace Tributary.Api.Tests.Auth;

public sealed class BearerTokenTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static TheoryData<TestDatabase, string> BadTokens()
    {
        var data = new TheoryData<TestDatabase, string>();
        foreach (var db in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            foreach (var kind in new[] { "expired", "forged", "other-issuer", "other-audience", "alg-none", "malformed" })
            {
                data.Add(db, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_bearer_token_answers_401_UNAUTHENTICATED_and_changes_nothing(TestDatabase database, string kind)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: [$"--Auth:SigningKey={Key}"]);
        var client = new GraphQLClient(host);
        var userId = (await client.SignUpAsync("victim")).GetProperty("user").GetProperty("id").GetString()!;
        var token = Craft(kind, userId);
        var users = await client.SnapshotAsync("users");

        var update = await client.PostAsync("mutation { updateProfile(fullname: \"Hacked\") { fullname } }", bearer: token);
        var signUp = await client.PostAsync(GraphQLClient.SignUpMutation, new { email = "new@example.com", password = "correct horse battery", username = "newbie", fullname = "New" }, bearer: token);

        Assert.Equal(HttpStatusCode.Unauthorized, update.Status);
        Assert.Equal("UNAUTHENTICATED", update.ErrorCode);
        Assert.False(update.Body.TryGetProperty("data", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, signUp.Status);
        Assert.Equal(users, await client.SnapshotAsync("users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_token_signed_with_the_configured_key_is_accepted(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: [$"--Auth:SigningKey={Key}"]);
        var client = new GraphQLClient(host);
        var userId = (await client.SignUpAsync("valid")).GetProperty("user").GetProperty("id").GetString()!;

        var me = await client.PostAsync(GraphQLClient.MeQuery, bearer: Craft("valid", userId));

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(userId, me.Data("me").GetProperty("id").GetString());
    }

    private static string Craft(string kind, string userId)
    {
        var now = DateTimeOffset.UtcNow;
        return kind switch
        {
            "valid" => Issuer(new TokenOptions { SigningKey = Key }, now).Issue(userId).Token,
            // Issued 1 h ago with a 15 min lifetime: expired well beyond the 30 s skew.
            "expired" => Issuer(new TokenOptions { SigningKey = Key }, now.AddHours(-1)).Issue(userId).Token,
            "forged" => Issuer(new TokenOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, now).Issue(userId).Token,
            "other-issuer" => Issuer(new TokenOptions { SigningKey = Key, Issuer = "https://evil.example.com" }, now).Issue(userId).Token,
            "other-audience" => Issuer(new TokenOptions { SigningKey = Key, Audience = "another-service" }, now).Issue(userId).Token,
            "alg-none" => $"{B64("""{"alg":"none","typ":"JWT"}""")}.{B64($$"""{"sub":"{{userId}}","iss":"tributary","aud":"tributary","exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""")}.",
            "malformed" => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static AccessTokens Issuer(TokenOptions options, DateTimeOffset now) =>
        new(Options.Create(options), Options.Create(new ServerOptions { DataDir = Path.GetTempPath() }), new FakeTimeProvider(now));

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
