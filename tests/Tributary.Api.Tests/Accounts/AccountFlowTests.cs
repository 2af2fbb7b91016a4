using System.Net;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Accounts;

public sealed class AccountFlowTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SignUp_then_signIn_by_email_and_username_then_me_returns_the_profile(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var signUp = await client.SignUpAsync("Alice_1", email: "Alice@Example.com", fullname: "Alice Liddell");
        var userId = signUp.GetProperty("user").GetProperty("id").GetString();
        var byEmail = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "alice@example.COM", password = "correct horse battery" });
        var byUsername = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "ALICE_1", password = "correct horse battery" });
        var me = await client.PostAsync(GraphQLClient.MeQuery, bearer: byUsername.Data("signIn").GetProperty("accessToken").GetString());

        Assert.Equal("Alice@Example.com", signUp.GetProperty("user").GetProperty("email").GetString());
        Assert.True(byEmail.Ok, byEmail.Body.ToString());
        Assert.Equal(userId, byEmail.Data("signIn").GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(userId, me.Data("me").GetProperty("id").GetString());
        Assert.Equal("Alice_1", me.Data("me").GetProperty("username").GetString());
        Assert.Equal("Alice Liddell", me.Data("me").GetProperty("fullname").GetString());
        Assert.Equal("Alice@Example.com", me.Data("me").GetProperty("email").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SignUp_writes_the_user_with_an_argon2id_hash_and_one_user_registered_outbox_row(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var signUp = await client.SignUpAsync("bob");
        var userId = signUp.GetProperty("user").GetProperty("id").GetString();

        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM users WHERE id = @userId AND password_hash LIKE '$argon2id$v=19$%' AND username_normalized = 'bob'", new { userId }));
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'user.registered' AND payload LIKE @p", new { p = $"%{userId}%" }));
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = @userId AND used_at IS NULL", new { userId }));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Me_without_a_token_answers_UNAUTHENTICATED_with_null_data(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var me = await client.PostAsync(GraphQLClient.MeQuery);

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("UNAUTHENTICATED", me.ErrorCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.Data("me").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignIn_with_a_wrong_password_answers_UNAUTHENTICATED_and_issues_no_token(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        await client.SignUpAsync("carol");
        var tokensBefore = await client.SnapshotAsync("refresh_tokens");

        var wrong = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "carol", password = "not the password" });
        var unknown = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "nobody@example.com", password = "correct horse battery" });

        Assert.Equal("UNAUTHENTICATED", wrong.ErrorCode);
        Assert.Equal("UNAUTHENTICATED", unknown.ErrorCode);
        Assert.Equal(wrong.ErrorMessage, unknown.ErrorMessage);
        Assert.Equal(tokensBefore, await client.SnapshotAsync("refresh_tokens"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Email_is_visible_only_to_the_user_themself(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var dave = await client.SignUpAsync("dave");
        var erin = await client.SignUpAsync("erin");

        var seen = await client.PostAsync("query ($id: ID!) { user(id: $id) { id username email } }",
            new { id = dave.GetProperty("user").GetProperty("id").GetString() },
            bearer: erin.GetProperty("accessToken").GetString());

        Assert.True(seen.Ok, seen.Body.ToString());
        Assert.Equal("dave", seen.Data("user").GetProperty("username").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.Data("user").GetProperty("email").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task UpdateProfile_changes_the_given_fields_and_keeps_the_others(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var token = (await client.SignUpAsync("frank", fullname: "Frank")).GetProperty("accessToken").GetString();

        var updated = await client.PostAsync(
            "mutation { updateProfile(username: \"Frankie\", avatarUrl: \"https://cdn.example.com/f.png\") { username fullname avatarUrl } }", bearer: token);
        var cleared = await client.PostAsync("mutation { updateProfile(avatarUrl: \"\") { avatarUrl } }", bearer: token);

        Assert.True(updated.Ok, updated.Body.ToString());
        Assert.Equal("Frankie", updated.Data("updateProfile").GetProperty("username").GetString());
        Assert.Equal("Frank", updated.Data("updateProfile").GetProperty("fullname").GetString());
        Assert.Equal("https://cdn.example.com/f.png", updated.Data("updateProfile").GetProperty("avatarUrl").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Data("updateProfile").GetProperty("avatarUrl").ValueKind);
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM users WHERE username_normalized = 'frankie'"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task UpdateProfile_to_a_username_taken_in_another_case_answers_BAD_USER_INPUT_and_changes_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        await client.SignUpAsync("grace");
        var token = (await client.SignUpAsync("heidi")).GetProperty("accessToken").GetString();
        var before = await client.SnapshotAsync("users");

        var taken = await client.PostAsync("mutation { updateProfile(username: \"GRACE\", fullname: \"New\") { username } }", bearer: token);
        var badUrl = await client.PostAsync("mutation { updateProfile(avatarUrl: \"javascript:alert(1)\") { username } }", bearer: token);

        Assert.Equal("BAD_USER_INPUT", taken.ErrorCode);
        Assert.Equal("username", taken.ErrorField);
        Assert.Equal("BAD_USER_INPUT", badUrl.ErrorCode);
        Assert.Equal("avatarUrl", badUrl.ErrorField);
        Assert.Equal(before, await client.SnapshotAsync("users"));
    }
}
