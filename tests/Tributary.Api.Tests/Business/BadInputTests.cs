using System.Text.Json;
using Tributary.Api.Tests.AppRooms;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Business;

/// <summary>
/// Bad input on every business field the area tests do not already cover: malformed ids, unknown enum
/// values (inline and as variables), pagination abuse and oversized lists. Each case answers its
/// documented code and no table changes.
/// </summary>
public sealed class BadInputTests
{
    private const string Bad = "BAD_USER_INPUT";
    private const string Invalid = "GRAPHQL_VALIDATION_FAILED";

    private static readonly string[] Tables = ["users", "rooms", "messages", "notifications", "webhooks"];

    // Counted, not compared row by row: the outbox dispatcher updates delivery columns of the
    // room.started row from setup at any moment, which is not a change made by the bad input.
    private static readonly string[] KeylessTables = ["follows", "blocks", "room_invites", "reactions", "outbox"];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Malformed_ids_unknown_enums_and_page_abuse_answer_the_documented_code_and_change_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Accounts:AdminEmails:0=admin@example.test"]);
        var client = new GraphQLClient(host);
        var admin = await AppUser.CreateAsync(host, "admin");
        var room = await AppRoomApiTests.CreateAsync(client, admin, "room");
        var huge = new string('a', 10_000);
        var tooLong = new string('a', 65);
        var page101 = new { r = room, first = 101 };

        (string Query, object? Variables, string Code, string? Field)[] cases =
        [
            // Malformed ids: odd characters, SQL, over 64 characters, empty.
            ("query ($id: ID!) { room(id: $id) { id } }", new { id = "x'--" }, Bad, "id"),
            ("query ($id: ID!) { room(id: $id) { id } }", new { id = tooLong }, Bad, "id"),
            ("query ($id: ID!) { room(id: $id) { id } }", new { id = "" }, Bad, "id"),
            ("mutation ($id: ID!) { endRoom(id: $id) { id } }", new { id = "../etc" }, Bad, "id"),
            ("mutation ($id: ID!) { declineCall(roomId: $id) }", new { id = huge }, Bad, "roomId"),
            ("mutation ($id: ID!) { deleteMessage(id: $id) }", new { id = "1; DELETE FROM messages" }, Bad, "id"),
            ("query ($id: ID!) { messages(roomId: $id) { edges { cursor } } }", new { id = "zz" }, Bad, "roomId"),
            ("mutation ($id: ID!) { unfollow(userId: $id) }", new { id = "zz" }, Bad, "userId"),
            ("mutation ($id: ID!) { block(userId: $id) }", new { id = tooLong }, Bad, "userId"),
            ("query ($id: ID!) { following(userId: $id) { edges { cursor } } }", new { id = "<script>" }, Bad, "userId"),
            ("mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }", new { ids = new[] { "nope!" } }, Bad, "ids"),
            ("query ($id: ID!) { webhookDeliveries(webhookId: $id) { id } }", new { id = "zz" }, Bad, "webhookId"),
            ("mutation ($id: ID!) { disableWebhook(id: $id) }", new { id = "zz" }, Bad, "id"),
            ("mutation ($id: ID!) { replayWebhookDelivery(id: $id) }", new { id = "zz" }, Bad, "id"),
            ("mutation ($id: ID!) { createRoom(type: M2M, title: \"t\", access: INVITE, invitees: [$id]) { id } }", new { id = "zz" }, Bad, "invitees"),

            // Unknown enum values: inline ones fail validation, variables fail coercion.
            ("mutation { createRoom(type: X2Y, title: \"t\") { id } }", null, Invalid, null),
            ("mutation { createRoom(type: M2M, title: \"t\", access: SECRET) { id } }", null, Invalid, null),
            ("mutation { createRoom(type: \"M2M\", title: \"t\") { id } }", null, Invalid, null),
            ("mutation ($t: RoomType!) { createRoom(type: $t, title: \"t\") { id } }", new { t = "m2m" }, Bad, null),
            ("mutation ($t: RoomType!) { createRoom(type: $t, title: \"t\") { id } }", new { t = 3 }, Bad, null),

            // Pagination abuse: page sizes outside 1–100, cursors that are not ours, huge pages.
            ("query ($r: ID!, $first: Int) { messages(roomId: $r, first: $first) { edges { cursor } } }", page101, Bad, "first"),
            ("query ($r: ID!, $first: Int) { messages(roomId: $r, first: $first) { edges { cursor } } }", new { r = room, first = 0 }, Bad, "first"),
            ("query ($r: ID!, $first: Int) { messages(roomId: $r, first: $first) { edges { cursor } } }", new { r = room, first = 1_000_000 }, Invalid, null),
            ("query ($r: ID!, $after: String) { messages(roomId: $r, after: $after) { edges { cursor } } }", new { r = room, after = huge }, Bad, "after"),
            ("query ($first: Int) { notifications(first: $first) { edges { cursor } } }", new { first = 101 }, Bad, "first"),
            ("query ($first: Int) { notifications(first: $first) { edges { cursor } } }", new { first = -1 }, Bad, "first"),
            ("query ($after: String) { notifications(after: $after) { edges { cursor } } }", new { after = "bm9wZQ==" }, Bad, "after"),
            ("query ($after: String) { liveRooms(after: $after) { edges { cursor } } }", new { after = "%%%" }, Bad, "after"),
            ("query ($u: ID!, $first: Int) { following(userId: $u, first: $first) { edges { cursor } } }", new { u = admin.Id, first = 101 }, Bad, "first"),
            ("query ($u: ID!, $after: String) { following(userId: $u, after: $after) { edges { cursor } } }", new { u = admin.Id, after = huge }, Bad, "after"),
            ("query ($id: ID!, $first: Int) { webhookDeliveries(webhookId: $id, first: $first) { id } }", new { id = Guid.NewGuid().ToString("N"), first = 0 }, Bad, "first"),
            ("{ liveRooms(first: 100) { edges { node { publishers { followers(first: 100) { edges { node { following(first: 100) { edges { cursor } } } } } } } } } }", null, Invalid, null),

            // Oversized lists and strings.
            ("mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }", new { ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString("N")).ToArray() }, Bad, "ids"),
            ("query ($p: String!) { searchUsers(prefix: $p) { id } }", new { p = huge }, Bad, "prefix"),
            ("mutation ($r: ID!, $t: String!) { sendMessage(roomId: $r, text: $t) { id } }", new { r = room, t = new string('x', 60_000) }, Bad, "text"),
        ];

        var before = await StateAsync(client);

        var failures = new List<string>();
        foreach (var (query, variables, code, field) in cases)
        {
            var response = await client.PostAsync(query, variables, bearer: admin.Token);
            if (response.ErrorCode != code || (field is not null && response.ErrorField != field))
            {
                failures.Add($"{query} {JsonSerializer.Serialize(variables)[..Math.Min(200, JsonSerializer.Serialize(variables).Length)]}: expected {code}/{field}, got {response.Body}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await StateAsync(client));
    }

    private static async Task<Dictionary<string, string>> StateAsync(GraphQLClient client)
    {
        var state = new Dictionary<string, string>();
        foreach (var table in Tables)
        {
            state[table] = await client.SnapshotAsync(table);
        }

        foreach (var table in KeylessTables)
        {
            state[table] = (await client.CountAsync($"SELECT COUNT(*) FROM {table}")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return state;
    }
}
