using System.Text.Json;
using Tributary.Api.Tests.Support;
using Tributary.Client;
using Tributary.Testing;

namespace Tributary.Api.Tests.AppRooms;

public sealed class AppRoomApiTests
{
    public const string CreateRoom = "mutation ($type: RoomType!, $title: String!, $access: RoomAccess, $invitees: [ID!]) { createRoom(type: $type, title: $title, access: $access, invitees: $invitees) { id type title access hlsUrl live viewerCount publishers { id } owner { id } endedAt } }";
    private const string Feed = "query ($first: Int, $after: String) { liveRooms(first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }";

    public static async Task<string> CreateAsync(GraphQLClient client, AppUser owner, string title, string type = "M2M", string access = "PUBLIC", string[]? invitees = null)
    {
        var response = await client.PostAsync(CreateRoom, new { type, title, access, invitees }, bearer: owner.Token);
        Assert.True(response.Ok, response.Body.ToString());
        return response.Data("createRoom").GetProperty("id").GetString()!;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task CreateRoom_returns_the_room_with_hls_path_for_p2m_and_notifies_followers(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var fan = await AppUser.CreateAsync(host, "fan");
        Assert.True((await client.PostAsync("mutation ($u: ID!) { follow(userId: $u) { id } }", new { u = owner.Id }, bearer: fan.Token)).Ok);

        var created = await client.PostAsync(CreateRoom, new { type = "P2M", title = "  My show  ", access = "FOLLOWERS" }, bearer: owner.Token);
        var room = created.Data("createRoom");
        var id = room.GetProperty("id").GetString();
        var notes = await client.PostAsync("{ notifications(first: 1) { edges { node { kind actor { id } room { id title } } } } }", bearer: fan.Token);
        var read = await client.PostAsync("query ($id: ID!) { room(id: $id) { id title live viewerCount } }", new { id }, bearer: fan.Token);

        Assert.True(created.Ok, created.Body.ToString());
        Assert.Equal("P2M", room.GetProperty("type").GetString());
        Assert.Equal("My show", room.GetProperty("title").GetString());
        Assert.Equal("FOLLOWERS", room.GetProperty("access").GetString());
        Assert.Equal($"/live/{owner.Id}/{id}/playlist.m3u8", room.GetProperty("hlsUrl").GetString());
        Assert.False(room.GetProperty("live").GetBoolean());
        Assert.Equal(0, room.GetProperty("viewerCount").GetInt32());
        Assert.Equal(owner.Id, room.GetProperty("owner").GetProperty("id").GetString());
        var note = notes.Data("notifications").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("FOLLOWED_USER_LIVE", note.GetProperty("kind").GetString());
        Assert.Equal(id, note.GetProperty("room").GetProperty("id").GetString());
        Assert.Equal("My show", read.Data("room").GetProperty("title").GetString());
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'room.started' AND payload LIKE @p", new { p = $"%{id}%" }));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Room_visibility_follows_access_and_hidden_rooms_read_as_not_found(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var fan = await AppUser.CreateAsync(host, "fan");
        var guest = await AppUser.CreateAsync(host, "guest");
        var stranger = await AppUser.CreateAsync(host, "stranger");
        Assert.True((await client.PostAsync("mutation ($u: ID!) { follow(userId: $u) { id } }", new { u = owner.Id }, bearer: fan.Token)).Ok);
        var followersRoom = await CreateAsync(client, owner, "followers", access: "FOLLOWERS");
        var inviteRoom = await CreateAsync(client, owner, "invite", access: "INVITE", invitees: [guest.Id]);
        var publicRoom = await CreateAsync(client, owner, "public");

        async Task<string?> Read(AppUser user, string id) =>
            (await client.PostAsync("query ($id: ID!) { room(id: $id) { id } }", new { id }, bearer: user.Token)).ErrorCode;

        Assert.Null(await Read(owner, followersRoom));
        Assert.Null(await Read(fan, followersRoom));
        Assert.Equal("NOT_FOUND", await Read(guest, followersRoom));
        Assert.Null(await Read(guest, inviteRoom));
        Assert.Equal("NOT_FOUND", await Read(fan, inviteRoom));
        Assert.Null(await Read(stranger, publicRoom));
        Assert.Equal("NOT_FOUND", await Read(stranger, Guid.NewGuid().ToString()));
        Assert.Equal("BAD_USER_INPUT", await Read(stranger, "../../etc/passwd"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task LiveRooms_lists_followed_owners_first_then_others_across_pages_without_ended_or_hidden_rooms(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var viewer = await AppUser.CreateAsync(host, "viewer");
        var followed = await AppUser.CreateAsync(host, "followed");
        var other = await AppUser.CreateAsync(host, "other");
        Assert.True((await client.PostAsync("mutation ($u: ID!) { follow(userId: $u) { id } }", new { u = followed.Id }, bearer: viewer.Token)).Ok);
        var o1 = await CreateAsync(client, other, "o1");
        var f1 = await CreateAsync(client, followed, "f1");
        var o2 = await CreateAsync(client, other, "o2");
        var f2 = await CreateAsync(client, followed, "f2", access: "FOLLOWERS");
        await CreateAsync(client, other, "hidden", access: "FOLLOWERS");
        await CreateAsync(client, other, "invite-only", access: "INVITE");
        var ended = await CreateAsync(client, other, "ended");
        Assert.True((await client.PostAsync("mutation ($id: ID!) { endRoom(id: $id) { endedAt } }", new { id = ended }, bearer: other.Token)).Ok);
        await client.PostAsync("mutation ($u: ID!) { callUser(userId: $u) { id } }", new { u = other.Id }, bearer: viewer.Token);

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await client.PostAsync(Feed, new { first = 3, after }, bearer: viewer.Token);
            Assert.True(page.Ok, page.Body.ToString());
            var connection = page.Data("liveRooms");
            seen.AddRange(connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!));
            after = connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()
                ? connection.GetProperty("pageInfo").GetProperty("endCursor").GetString()
                : null;
        }
        while (after is not null);

        // Rooms created in the same millisecond tie-break by id, so only each part's membership is fixed.
        Assert.Equal(4, seen.Count);
        Assert.Equal(new HashSet<string> { f1, f2 }, seen.Take(2).ToHashSet());
        Assert.Equal(new HashSet<string> { o1, o2 }, seen.Skip(2).ToHashSet());
    }

    [Fact]
    public async Task Streams_lists_the_live_rooms_publishing_sessions_to_its_owner_only()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var viewer = await AppUser.CreateAsync(host, "viewer");
        var id = await CreateAsync(client, owner, "studio room");
        const string Streams = "query ($id: ID!) { room(id: $id) { streams { sessionId user { id } host category video audio publishing } } }";

        // Not live yet: the owner sees an empty list.
        var before = await client.PostAsync(Streams, new { id }, bearer: owner.Token);
        Assert.Equal(0, before.Data("room").GetProperty("streams").GetArrayLength());

        var sessionId = Guid.NewGuid().ToString();
        await using var signal = await SignalClient.ConnectAsync(
            host.BaseUri,
            owner.Token,
            new SignalSession(owner.Id, sessionId, Host: "iOS", Category: "stream", DeviceId: "phone"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false });
        Assert.Equal(200, (await signal.JoinAsync(id, RoomChannel.M2m, create: true)).Code);

        var mine = await client.PostAsync(Streams, new { id }, bearer: owner.Token);
        var theirs = await client.PostAsync(Streams, new { id }, bearer: viewer.Token);

        var stream = Assert.Single(mine.Data("room").GetProperty("streams").EnumerateArray());
        Assert.Equal(sessionId, stream.GetProperty("sessionId").GetString());
        Assert.Equal(owner.Id, stream.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("iOS", stream.GetProperty("host").GetString());
        Assert.Equal("stream", stream.GetProperty("category").GetString());
        Assert.False(stream.GetProperty("publishing").GetBoolean()); // no OFFER was made
        Assert.True(theirs.Ok, theirs.Body.ToString());
        Assert.Equal(JsonValueKind.Null, theirs.Data("room").GetProperty("streams").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task EndRoom_is_for_the_owner_only_and_is_idempotent(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var viewer = await AppUser.CreateAsync(host, "viewer");
        var id = await CreateAsync(client, owner, "room");
        const string End = "mutation ($id: ID!) { endRoom(id: $id) { id endedAt } }";

        var refused = await client.PostAsync(End, new { id }, bearer: viewer.Token);
        var stillOpen = await client.CountAsync("SELECT COUNT(*) FROM rooms WHERE id = @id AND ended_at IS NULL", new { id });
        var ended = await client.PostAsync(End, new { id }, bearer: owner.Token);
        var again = await client.PostAsync(End, new { id }, bearer: owner.Token);

        Assert.Equal("FORBIDDEN", refused.ErrorCode);
        Assert.Equal(1, stillOpen);
        Assert.NotEqual(JsonValueKind.Null, ended.Data("endRoom").GetProperty("endedAt").ValueKind);
        Assert.True(again.Ok);
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'room.ended' AND payload LIKE @p", new { p = $"%{id}%" }));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_createRoom_input_answers_the_documented_code_and_creates_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        (object Variables, string Code, string? Field)[] cases =
        [
            (new { type = "P2P", title = "t" }, "BAD_USER_INPUT", "type"),
            (new { type = "X2Y", title = "t" }, "BAD_USER_INPUT", null),
            (new { type = "M2M", title = "t", access = "SECRET" }, "BAD_USER_INPUT", null),
            (new { type = "M2M", title = "   " }, "BAD_USER_INPUT", "title"),
            (new { type = "M2M", title = new string('x', 121) }, "BAD_USER_INPUT", "title"),
            (new { type = "M2M", title = "t", access = "INVITE", invitees = new[] { Guid.NewGuid().ToString("N") } }, "BAD_USER_INPUT", "invitees"),
            (new { type = "M2M", title = "t", access = "INVITE", invitees = new[] { "nope!" } }, "BAD_USER_INPUT", "invitees"),
            (new { type = "M2M", title = "t", access = "INVITE", invitees = new[] { owner.Id } }, "BAD_USER_INPUT", "invitees"),
            (new { type = "M2M", title = "t", access = "INVITE", invitees = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString("N")).ToArray() }, "BAD_USER_INPUT", "invitees"),
        ];
        foreach (var (variables, code, field) in cases)
        {
            var response = await client.PostAsync(CreateRoom, variables, bearer: owner.Token);
            Assert.True(code == response.ErrorCode, $"{JsonSerializer.Serialize(variables)}: {response.Body}");
            if (field is not null)
            {
                Assert.Equal(field, response.ErrorField);
            }
        }

        var feed = await client.PostAsync(Feed, new { after = Convert.ToBase64String("5:z:abc"u8.ToArray()) }, bearer: owner.Token);
        var tooMany = await client.PostAsync(Feed, new { first = 101 }, bearer: owner.Token);
        // The complexity analyzer multiplies by `first`, so a huge page is refused before execution.
        var abusive = await client.PostAsync(Feed, new { first = 1_000_000 }, bearer: owner.Token);

        Assert.Equal("BAD_USER_INPUT", feed.ErrorCode);
        Assert.Equal("BAD_USER_INPUT", tooMany.ErrorCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", abusive.ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM rooms"));
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'room.started'"));
    }
}
