using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Accounts;

public sealed class SignUpValidationTests
{
    public static TheoryData<TestDatabase, string, string, string, string, string> BadInputs()
    {
        var data = new TheoryData<TestDatabase, string, string, string, string, string>();
        foreach (var db in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            data.Add(db, "not-an-email", "correct horse battery", "ivan", "Ivan", "email");
            data.Add(db, "ivan@localhost", "correct horse battery", "ivan", "Ivan", "email");
            data.Add(db, "Ivan <ivan@example.com>", "correct horse battery", "ivan", "Ivan", "email");
            data.Add(db, "ivan@example.com", "short", "ivan", "Ivan", "password");
            data.Add(db, "ivan@example.com", new string('x', 300), "ivan", "Ivan", "password");
            data.Add(db, "ivan@example.com", "correct horse battery", "iv", "Ivan", "username");
            data.Add(db, "ivan@example.com", "correct horse battery", "ivan the great", "Ivan", "username");
            data.Add(db, "ivan@example.com", "correct horse battery", "ivan", "   ", "fullname");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SignUp_with_invalid_input_answers_BAD_USER_INPUT_naming_the_field_and_creates_nothing(
        TestDatabase database, string email, string password, string username, string fullname, string field)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);

        var response = await client.PostAsync(GraphQLClient.SignUpMutation, new { email, password, username, fullname });

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
        Assert.Equal(field, response.ErrorField);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users"));
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM refresh_tokens"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SignUp_with_a_username_taken_in_another_case_answers_BAD_USER_INPUT_and_changes_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        await client.SignUpAsync("Judy");
        var users = await client.SnapshotAsync("users");
        var outbox = await client.CountAsync("SELECT COUNT(*) FROM outbox");

        var response = await client.PostAsync(GraphQLClient.SignUpMutation, new { email = "other@example.com", password = "correct horse battery", username = "jUDY", fullname = "Other" });

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
        Assert.Equal("username", response.ErrorField);
        Assert.Equal(users, await client.SnapshotAsync("users"));
        Assert.Equal(outbox, await client.CountAsync("SELECT COUNT(*) FROM outbox"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignUp_with_an_email_taken_in_another_case_answers_BAD_USER_INPUT_and_changes_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        await client.SignUpAsync("kim", email: "kim@example.com");
        var users = await client.SnapshotAsync("users");

        var response = await client.PostAsync(GraphQLClient.SignUpMutation, new { email = " KIM@example.com ", password = "correct horse battery", username = "kim2", fullname = "Kim" });

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
        Assert.Equal("email", response.ErrorField);
        Assert.Equal(users, await client.SnapshotAsync("users"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignIn_beyond_the_per_account_budget_answers_RATE_LIMITED_even_with_the_right_password(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Accounts:AttemptsPerAccount=3", "--Accounts:RateLimitWindow=01:00:00"]);
        var client = new GraphQLClient(host);
        await client.SignUpAsync("leo");
        for (var i = 0; i < 3; i++)
        {
            var wrong = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "leo", password = "guess number " + i });
            Assert.Equal("UNAUTHENTICATED", wrong.ErrorCode);
        }

        var tokens = await client.SnapshotAsync("refresh_tokens");
        var limited = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "LEO", password = "correct horse battery" });
        var otherAccount = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "someone-else", password = "whatever pw" });

        Assert.Equal("RATE_LIMITED", limited.ErrorCode);
        Assert.True(limited.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryAfterSeconds").GetInt32() > 0);
        Assert.Equal(tokens, await client.SnapshotAsync("refresh_tokens"));
        Assert.Equal("UNAUTHENTICATED", otherAccount.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignUp_beyond_the_per_address_budget_answers_RATE_LIMITED_and_creates_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Accounts:AttemptsPerAddress=2", "--Accounts:RateLimitWindow=01:00:00"]);
        var client = new GraphQLClient(host);
        await client.SignUpAsync("mia");
        await client.SignUpAsync("nia");

        var limited = await client.PostAsync(GraphQLClient.SignUpMutation, new { email = "ola@example.com", password = "correct horse battery", username = "ola", fullname = "Ola" });

        Assert.Equal("RATE_LIMITED", limited.ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM users WHERE username_normalized = 'ola'"));
        Assert.Equal(2, await client.CountAsync("SELECT COUNT(*) FROM outbox"));
    }
}
