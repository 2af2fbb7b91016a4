using System.Text.Json;
using Tributary.Api.Tests.AppRooms;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Chat;

public sealed class ChatApiTests
{
    private const string Send = "mutation ($r: ID!, $t: String!) { sendMessage(roomId: $r, text: $t) { id text author { username } } }";
    private const string List = "query ($r: ID!, $first: Int, $after: String) { messages(roomId: $r, first: $first, after: $after) { edges { node { id text deleted author { id } } } pageInfo { hasNextPage endCursor } } }";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Messages_are_sent_listed_newest_first_and_deleted_by_the_room_owner(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var viewer = await AppUser.CreateAsync(host, "viewer");
        var other = await AppUser.CreateAsync(host, "other");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "chat");

        var first = await client.PostAsync(Send, new { r = room, t = " hello " }, bearer: viewer.Token);
        var second = await client.PostAsync(Send, new { r = room, t = "world" }, bearer: viewer.Token);
        var firstId = first.Data("sendMessage").GetProperty("id").GetString();
        var notAllowed = await client.PostAsync("mutation ($id: ID!) { deleteMessage(id: $id) }", new { id = firstId }, bearer: other.Token);
        var deleted = await client.PostAsync("mutation ($id: ID!) { deleteMessage(id: $id) }", new { id = firstId }, bearer: owner.Token);
        var page = await client.PostAsync(List, new { r = room, first = 1 }, bearer: other.Token);
        var rest = await client.PostAsync(List, new { r = room, first = 5, after = page.Data("messages").GetProperty("pageInfo").GetProperty("endCursor").GetString() }, bearer: other.Token);

        Assert.Equal("hello", first.Data("sendMessage").GetProperty("text").GetString());
        Assert.Equal("viewer", first.Data("sendMessage").GetProperty("author").GetProperty("username").GetString());
        Assert.Equal("FORBIDDEN", notAllowed.ErrorCode);
        Assert.True(deleted.Data("deleteMessage").GetBoolean());
        Assert.Equal(second.Data("sendMessage").GetProperty("id").GetString(), page.Data("messages").GetProperty("edges")[0].GetProperty("node").GetProperty("id").GetString());
        Assert.True(page.Data("messages").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var older = rest.Data("messages").GetProperty("edges")[0].GetProperty("node");
        Assert.True(older.GetProperty("deleted").GetBoolean());
        Assert.Equal(string.Empty, older.GetProperty("text").GetString());
        Assert.Equal(2, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'message.created'"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_sixth_message_within_the_window_is_RATE_LIMITED_and_not_stored(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Chat:Window=00:10:00"]);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "chat");
        var otherRoom = await AppRoomApiTests.CreateAsync(client, owner, "other");
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await client.PostAsync(Send, new { r = room, t = $"m{i}" }, bearer: owner.Token)).Ok);
        }

        var limited = await client.PostAsync(Send, new { r = room, t = "too many" }, bearer: owner.Token);
        var elsewhere = await client.PostAsync(Send, new { r = otherRoom, t = "fine" }, bearer: owner.Token);

        Assert.Equal("RATE_LIMITED", limited.ErrorCode);
        Assert.True(limited.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryAfterSeconds").GetInt32() > 0);
        Assert.True(elsewhere.Ok);
        Assert.Equal(5, await client.CountAsync("SELECT COUNT(*) FROM messages WHERE room_id = @room", new { room }));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_chat_input_answers_the_documented_code_and_changes_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var stranger = await AppUser.CreateAsync(host, "stranger");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "chat");
        var hidden = await AppRoomApiTests.CreateAsync(client, owner, "hidden", access: "INVITE");
        var ended = await AppRoomApiTests.CreateAsync(client, owner, "ended");
        Assert.True((await client.PostAsync("mutation ($id: ID!) { endRoom(id: $id) { id } }", new { id = ended }, bearer: owner.Token)).Ok);
        const string React = "mutation ($r: ID!, $e: String!) { react(roomId: $r, emoji: $e) { emoji count } }";

        (string Query, object Variables, string Code, string? Field)[] cases =
        [
            (Send, new { r = room, t = new string('x', 501) }, "BAD_USER_INPUT", "text"),
            (Send, new { r = room, t = " \n\t " }, "BAD_USER_INPUT", "text"),
            (Send, new { r = "zz", t = "hi" }, "BAD_USER_INPUT", "roomId"),
            (Send, new { r = Guid.NewGuid().ToString(), t = "hi" }, "NOT_FOUND", null),
            (Send, new { r = hidden, t = "hi" }, "NOT_FOUND", null),
            (Send, new { r = ended, t = "hi" }, "BAD_USER_INPUT", "roomId"),
            (React, new { r = room, e = "💩" }, "BAD_USER_INPUT", "emoji"),
            (React, new { r = room, e = new string('x', 10_000) }, "BAD_USER_INPUT", "emoji"),
            (List, new { r = room, first = 101 }, "BAD_USER_INPUT", "first"),
            (List, new { r = room, after = "%%%" }, "BAD_USER_INPUT", "after"),
            ("mutation ($id: ID!) { deleteMessage(id: $id) }", new { id = Guid.NewGuid().ToString("N") }, "NOT_FOUND", null),
        ];
        foreach (var (query, variables, code, field) in cases)
        {
            var response = await client.PostAsync(query, variables, bearer: stranger.Token);
            Assert.True(code == response.ErrorCode, $"{query} {JsonSerializer.Serialize(variables)}: {response.Body}");
            if (field is not null)
            {
                Assert.Equal(field, response.ErrorField);
            }
        }

        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM reactions"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task React_aggregates_totals_per_emoji(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "chat");
        const string React = "mutation ($r: ID!, $e: String!) { react(roomId: $r, emoji: $e) { emoji count } }";

        await client.PostAsync(React, new { r = room, e = "🔥" }, bearer: owner.Token);
        await client.PostAsync(React, new { r = room, e = "👏" }, bearer: owner.Token);
        var last = await client.PostAsync(React, new { r = room, e = "🔥" }, bearer: owner.Token);
        var read = await client.PostAsync("query ($id: ID!) { room(id: $id) { reactions { emoji count } } }", new { id = room }, bearer: owner.Token);

        var totals = last.Data("react").EnumerateArray().ToDictionary(r => r.GetProperty("emoji").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["🔥"] = 2, ["👏"] = 1 }, totals);
        Assert.Equal(2, read.Data("room").GetProperty("reactions").GetArrayLength());
    }
}
