using System.Text.Json;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Social;

public sealed class SocialApiTests
{
    private const string Follow = "mutation ($u: ID!) { follow(userId: $u) { id followersCount isFollowing } }";
    private const string Followers = "query ($u: ID!, $first: Int, $after: String) { followers(userId: $u, first: $first, after: $after) { edges { cursor node { id username followersCount followingCount isFollowing } } pageInfo { hasNextPage endCursor } } }";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Follow_updates_counts_isFollowing_and_notifies_the_followee(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var alice = await AppUser.CreateAsync(host, "alice");
        var bob = await AppUser.CreateAsync(host, "bob");

        var followed = await client.PostAsync(Follow, new { u = bob.Id }, bearer: alice.Token);
        var again = await client.PostAsync(Follow, new { u = bob.Id }, bearer: alice.Token);
        var asBob = await client.PostAsync("query ($u: ID!) { user(id: $u) { followingCount isFollowing } }", new { u = alice.Id }, bearer: bob.Token);
        var notes = await client.PostAsync("{ unreadNotificationCount notifications { edges { node { kind read actor { id username } } } } }", bearer: bob.Token);

        Assert.True(followed.Ok, followed.Body.ToString());
        Assert.Equal(1, followed.Data("follow").GetProperty("followersCount").GetInt32());
        Assert.True(followed.Data("follow").GetProperty("isFollowing").GetBoolean());
        Assert.True(again.Ok);
        Assert.Equal(1, again.Data("follow").GetProperty("followersCount").GetInt32());
        Assert.Equal(1, asBob.Data("user").GetProperty("followingCount").GetInt32());
        Assert.False(asBob.Data("user").GetProperty("isFollowing").GetBoolean());
        Assert.Equal(1, notes.Data("unreadNotificationCount").GetInt32());
        var note = notes.Data("notifications").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("NEW_FOLLOWER", note.GetProperty("kind").GetString());
        Assert.Equal("alice", note.GetProperty("actor").GetProperty("username").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Followers_pages_through_every_follower_once_newest_first(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var star = await AppUser.CreateAsync(host, "star");
        var fans = new List<AppUser>();
        for (var i = 0; i < 7; i++)
        {
            var fan = await AppUser.CreateAsync(host, $"fan{i}");
            Assert.True((await client.PostAsync(Follow, new { u = star.Id }, bearer: fan.Token)).Ok);
            fans.Add(fan);
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await client.PostAsync(Followers, new { u = star.Id, first = 3, after }, bearer: fans[0].Token);
            Assert.True(page.Ok, page.Body.ToString());
            var connection = page.Data("followers");
            foreach (var edge in connection.GetProperty("edges").EnumerateArray())
            {
                seen.Add(edge.GetProperty("node").GetProperty("id").GetString()!);
                Assert.Equal(1, edge.GetProperty("node").GetProperty("followingCount").GetInt32());
            }

            pages++;
            if (!connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(fans.Select(f => f.Id).Reverse(), seen);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_follow_and_list_input_answers_the_documented_code_and_changes_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var alice = await AppUser.CreateAsync(host, "alice");
        var bob = await AppUser.CreateAsync(host, "bob");
        Assert.True((await client.PostAsync("mutation ($u: ID!) { block(userId: $u) }", new { u = bob.Id }, bearer: alice.Token)).Ok);

        (string Query, object Variables, string Code, string? Field)[] cases =
        [
            (Follow, new { u = alice.Id }, "BAD_USER_INPUT", null),
            (Follow, new { u = "not an id; DROP TABLE users" }, "BAD_USER_INPUT", "userId"),
            (Follow, new { u = new string('a', 65) }, "BAD_USER_INPUT", "userId"),
            (Follow, new { u = Guid.NewGuid().ToString("N") }, "NOT_FOUND", null),
            (Follow, new { u = bob.Id }, "FORBIDDEN", null),
            (Followers, new { u = bob.Id, first = 101 }, "BAD_USER_INPUT", "first"),
            (Followers, new { u = bob.Id, first = 0 }, "BAD_USER_INPUT", "first"),
            (Followers, new { u = bob.Id, first = -5 }, "BAD_USER_INPUT", "first"),
            (Followers, new { u = bob.Id, after = "garbage" }, "BAD_USER_INPUT", "after"),
            (Followers, new { u = bob.Id, after = Convert.ToBase64String("x:y"u8.ToArray()) }, "BAD_USER_INPUT", "after"),
            (Followers, new { u = Guid.NewGuid().ToString("N") }, "NOT_FOUND", null),
            ("query ($p: String!) { searchUsers(prefix: $p) { id } }", new { p = "" }, "BAD_USER_INPUT", "prefix"),
            ("query ($p: String!) { searchUsers(prefix: $p, first: 51) { id } }", new { p = "a" }, "BAD_USER_INPUT", "first"),
        ];
        var before = await client.SnapshotAsync("notifications");
        foreach (var (query, variables, code, field) in cases)
        {
            var response = await client.PostAsync(query, variables, bearer: alice.Token);
            Assert.True(code == response.ErrorCode, $"{query} {JsonSerializer.Serialize(variables)}: {response.Body}");
            if (field is not null)
            {
                Assert.Equal(field, response.ErrorField);
            }
        }

        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM follows"));
        Assert.Equal(before, await client.SnapshotAsync("notifications"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SearchUsers_matches_username_prefixes_case_insensitively_and_treats_wildcards_literally(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var me = await AppUser.CreateAsync(host, "searcher");
        foreach (var name in new[] { "Anna", "annabel", "anton", "bob", "an_x", "anxy" })
        {
            await AppUser.CreateAsync(host, name);
        }

        var ann = await client.PostAsync("{ searchUsers(prefix: \"ANN\") { username } }", bearer: me.Token);
        var underscore = await client.PostAsync("{ searchUsers(prefix: \"an_\") { username } }", bearer: me.Token);
        var limited = await client.PostAsync("{ searchUsers(prefix: \"an\", first: 2) { username } }", bearer: me.Token);

        Assert.Equal(["Anna", "annabel"], ann.Data("searchUsers").EnumerateArray().Select(u => u.GetProperty("username").GetString()));
        Assert.Equal(["an_x"], underscore.Data("searchUsers").EnumerateArray().Select(u => u.GetProperty("username").GetString()));
        Assert.Equal(2, limited.Data("searchUsers").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Block_removes_follows_both_ways_and_unblock_allows_following_again(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var alice = await AppUser.CreateAsync(host, "alice");
        var bob = await AppUser.CreateAsync(host, "bob");
        Assert.True((await client.PostAsync(Follow, new { u = bob.Id }, bearer: alice.Token)).Ok);
        Assert.True((await client.PostAsync(Follow, new { u = alice.Id }, bearer: bob.Token)).Ok);

        var block = await client.PostAsync("mutation ($u: ID!) { block(userId: $u) }", new { u = alice.Id }, bearer: bob.Token);
        var follows = await client.CountAsync("SELECT COUNT(*) FROM follows");
        var refused = await client.PostAsync(Follow, new { u = bob.Id }, bearer: alice.Token);
        var unblock = await client.PostAsync("mutation ($u: ID!) { unblock(userId: $u) }", new { u = alice.Id }, bearer: bob.Token);
        var unfollowNothing = await client.PostAsync("mutation ($u: ID!) { unfollow(userId: $u) }", new { u = bob.Id }, bearer: alice.Token);
        var allowed = await client.PostAsync(Follow, new { u = bob.Id }, bearer: alice.Token);

        Assert.True(block.Data("block").GetBoolean());
        Assert.Equal(0, follows);
        Assert.Equal("FORBIDDEN", refused.ErrorCode);
        Assert.True(unblock.Data("unblock").GetBoolean());
        Assert.False(unfollowNothing.Data("unfollow").GetBoolean());
        Assert.True(allowed.Ok, allowed.Body.ToString());
    }
}
