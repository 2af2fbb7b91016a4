using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Accounts;

public sealed class RefreshTokenTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RefreshToken_rotates_and_the_new_access_token_works(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var first = (await client.SignUpAsync("rita")).GetProperty("refreshToken").GetString();

        var refreshed = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = first });
        var second = refreshed.Data("refreshToken").GetProperty("refreshToken").GetString();
        var me = await client.PostAsync(GraphQLClient.MeQuery, bearer: refreshed.Data("refreshToken").GetProperty("accessToken").GetString());
        var third = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = second });

        Assert.True(refreshed.Ok, refreshed.Body.ToString());
        Assert.NotEqual(first, second);
        Assert.Equal("rita", me.Data("me").GetProperty("username").GetString());
        Assert.True(third.Ok, third.Body.ToString());
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(DISTINCT family_id) FROM refresh_tokens"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Replaying_a_rotated_refresh_token_answers_UNAUTHENTICATED_and_revokes_the_whole_family(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var stolen = (await client.SignUpAsync("sam")).GetProperty("refreshToken").GetString();
        var otherSession = await client.PostAsync(GraphQLClient.SignInMutation, new { login = "sam", password = "correct horse battery" });
        var successor = (await client.PostAsync(GraphQLClient.RefreshMutation, new { t = stolen })).Data("refreshToken").GetProperty("refreshToken").GetString();

        var replay = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = stolen });
        var successorAfter = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = successor });
        var otherAfter = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = otherSession.Data("signIn").GetProperty("refreshToken").GetString() });

        Assert.Equal("UNAUTHENTICATED", replay.ErrorCode);
        Assert.Contains("already used", replay.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("UNAUTHENTICATED", successorAfter.ErrorCode);
        // The separate sign-in is another family and keeps working.
        Assert.True(otherAfter.Ok, otherAfter.Body.ToString());
        Assert.Equal(0, await client.CountAsync(
            "SELECT COUNT(*) FROM refresh_tokens t JOIN refresh_tokens s ON s.family_id = t.family_id WHERE t.token_hash = @h AND s.revoked_at IS NULL",
            new { h = Tributary.Api.Accounts.RefreshTokens.Hash(stolen!) }));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignOut_revokes_the_sign_in_so_its_refresh_token_no_longer_works(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var token = (await client.SignUpAsync("tina")).GetProperty("refreshToken").GetString();

        var signOut = await client.PostAsync("mutation ($t: String!) { signOut(refreshToken: $t) }", new { t = token });
        var refresh = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = token });

        Assert.True(signOut.Data("signOut").GetBoolean());
        Assert.Equal("UNAUTHENTICATED", refresh.ErrorCode);
        Assert.Contains("revoked", refresh.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Unknown_malformed_or_expired_refresh_tokens_are_refused_and_change_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var token = (await client.SignUpAsync("uma")).GetProperty("refreshToken").GetString();
        // Age the row instead of the clock: the stored expiry is what the server compares.
        await client.ExecuteAsync("UPDATE refresh_tokens SET expires_at = 1000");
        var before = await client.SnapshotAsync("refresh_tokens");

        var expired = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = token });
        var unknown = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = "trr_" + new string('A', 43) });
        var malformed = await client.PostAsync(GraphQLClient.RefreshMutation, new { t = "hello" });
        var signOutUnknown = await client.PostAsync("mutation { signOut(refreshToken: \"trr_nope\") }");

        Assert.Equal("UNAUTHENTICATED", expired.ErrorCode);
        Assert.Contains("expired", expired.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("UNAUTHENTICATED", unknown.ErrorCode);
        Assert.Equal("BAD_USER_INPUT", malformed.ErrorCode);
        Assert.Equal("BAD_USER_INPUT", signOutUnknown.ErrorCode);
        Assert.Equal(before, await client.SnapshotAsync("refresh_tokens"));
    }
}
