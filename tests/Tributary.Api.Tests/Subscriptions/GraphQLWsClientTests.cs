using Tributary.Api.Tests.AppRooms;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Subscriptions;

public sealed class GraphQLWsClientTests
{
    [Fact]
    public async Task Notifications_subscription_delivers_a_new_follower_to_the_graphql_ws_client()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite);
        var client = new GraphQLClient(host);
        var alice = await AppUser.CreateAsync(host, "alice");
        var bob = await AppUser.CreateAsync(host, "bob");
        await using var node = Subscribers.Start(host, new { token = bob.Token }, 1, ("subscription { notifications { kind read actor { username } } }", null));
        await Subscribers.WaitForAsync(host, 1, node);

        Assert.True((await client.PostAsync("mutation ($u: ID!) { follow(userId: $u) { id } }", new { u = bob.Id }, bearer: alice.Token)).Ok);
        var next = await node.NextEventAsync("next");

        var notification = next.GetProperty("payload").GetProperty("data").GetProperty("notifications");
        Assert.Equal("NEW_FOLLOWER", notification.GetProperty("kind").GetString());
        Assert.False(notification.GetProperty("read").GetBoolean());
        Assert.Equal("alice", notification.GetProperty("actor").GetProperty("username").GetString());
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Subscriptions_refused_per_operation_answer_error_with_the_code_and_keep_the_socket()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var stranger = await AppUser.CreateAsync(host, "stranger");
        var hidden = await AppRoomApiTests.CreateAsync(client, owner, "secret", access: "INVITE");
        await using var node = Subscribers.Start(
            host,
            new { token = stranger.Token },
            1,
            ("subscription ($r: ID!) { roomEvents(roomId: $r) { kind } }", new { r = hidden }),
            ("subscription ($r: ID!) { messages(roomId: $r) { id } }", new { r = "bad id" }),
            ("subscription { nope }", null));

        var codes = new Dictionary<int, string?>();
        for (var i = 0; i < 3; i++)
        {
            var error = await node.NextEventAsync("error");
            codes[error.GetProperty("op").GetInt32()] = error.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
        }

        Assert.Equal("NOT_FOUND", codes[0]);
        Assert.Equal("BAD_USER_INPUT", codes[1]);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", codes[2]);
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Events_published_on_one_cluster_node_reach_graphql_ws_subscribers_on_the_other()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var writer = cluster.Nodes[0];
        var reader = cluster.Nodes[1];
        var client = new GraphQLClient(writer);
        var owner = await AppUser.CreateAsync(writer, "owner");
        var viewer = await AppUser.CreateAsync(writer, "viewer");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "cross-node");
        await using var node = Subscribers.Start(
            reader,
            new { token = viewer.Token },
            4,
            ("subscription ($r: ID!) { messages(roomId: $r) { text author { username } } }", new { r = room }),
            ("subscription ($r: ID!) { roomEvents(roomId: $r) { kind emoji actor { username } } }", new { r = room }),
            ("subscription { incomingCall { roomId caller { username } room { type } } }", null));
        await Subscribers.WaitForAsync(reader, 3, node);

        Assert.True((await client.PostAsync("mutation ($r: ID!) { sendMessage(roomId: $r, text: \"hi from node 0\") { id } }", new { r = room }, bearer: owner.Token)).Ok);
        Assert.True((await client.PostAsync("mutation ($r: ID!) { react(roomId: $r, emoji: \"🔥\") { count } }", new { r = room }, bearer: owner.Token)).Ok);
        var call = await client.PostAsync("mutation ($u: ID!) { callUser(userId: $u) { id } }", new { u = viewer.Id }, bearer: owner.Token);
        Assert.True((await client.PostAsync("mutation ($id: ID!) { endRoom(id: $id) { id } }", new { id = room }, bearer: owner.Token)).Ok);

        var received = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            received.Add(await node.NextEventAsync("next"));
        }

        var message = received.Single(e => e.GetProperty("op").GetInt32() == 0).GetProperty("payload").GetProperty("data").GetProperty("messages");
        Assert.Equal("hi from node 0", message.GetProperty("text").GetString());
        Assert.Equal("owner", message.GetProperty("author").GetProperty("username").GetString());
        var events = received.Where(e => e.GetProperty("op").GetInt32() == 1).Select(e => e.GetProperty("payload").GetProperty("data").GetProperty("roomEvents")).ToList();
        Assert.Equal(["REACTION", "ROOM_ENDED"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("🔥", events[0].GetProperty("emoji").GetString());
        var ring = received.Single(e => e.GetProperty("op").GetInt32() == 2).GetProperty("payload").GetProperty("data").GetProperty("incomingCall");
        Assert.Equal(call.Data("callUser").GetProperty("id").GetString(), ring.GetProperty("roomId").GetString());
        Assert.Equal("owner", ring.GetProperty("caller").GetProperty("username").GetString());
        Assert.Equal("P2P", ring.GetProperty("room").GetProperty("type").GetString());
    }
}
