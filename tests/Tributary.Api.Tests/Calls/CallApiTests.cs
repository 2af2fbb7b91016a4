using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Calls;

public sealed class CallApiTests
{
    private const string Call = "mutation ($u: ID!) { callUser(userId: $u) { id type access } }";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task CallUser_opens_an_invite_p2p_room_the_callee_sees_and_declines(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var caller = await AppUser.CreateAsync(host, "caller");
        var callee = await AppUser.CreateAsync(host, "callee");
        var stranger = await AppUser.CreateAsync(host, "stranger");

        var call = await client.PostAsync(Call, new { u = callee.Id }, bearer: caller.Token);
        var roomId = call.Data("callUser").GetProperty("id").GetString();
        var note = await client.PostAsync("{ notifications { edges { node { kind actor { id } room { id type } } } } }", bearer: callee.Token);
        var strangerDecline = await client.PostAsync("mutation ($r: ID!) { declineCall(roomId: $r) }", new { r = roomId }, bearer: stranger.Token);
        var callerDecline = await client.PostAsync("mutation ($r: ID!) { declineCall(roomId: $r) }", new { r = roomId }, bearer: caller.Token);
        var declined = await client.PostAsync("mutation ($r: ID!) { declineCall(roomId: $r) }", new { r = roomId }, bearer: callee.Token);
        var again = await client.PostAsync("mutation ($r: ID!) { declineCall(roomId: $r) }", new { r = roomId }, bearer: callee.Token);

        Assert.True(call.Ok, call.Body.ToString());
        Assert.Equal("P2P", call.Data("callUser").GetProperty("type").GetString());
        Assert.Equal("INVITE", call.Data("callUser").GetProperty("access").GetString());
        var node = note.Data("notifications").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("INCOMING_CALL", node.GetProperty("kind").GetString());
        Assert.Equal(caller.Id, node.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal(roomId, node.GetProperty("room").GetProperty("id").GetString());
        Assert.Equal("NOT_FOUND", strangerDecline.ErrorCode);
        Assert.Equal("FORBIDDEN", callerDecline.ErrorCode);
        Assert.True(declined.Data("declineCall").GetBoolean());
        Assert.False(again.Data("declineCall").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_calls_answer_the_documented_code_and_open_no_room(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);
        var client = new GraphQLClient(host);
        var caller = await AppUser.CreateAsync(host, "caller");
        var blocker = await AppUser.CreateAsync(host, "blocker");
        Assert.True((await client.PostAsync("mutation ($u: ID!) { block(userId: $u) }", new { u = caller.Id }, bearer: blocker.Token)).Ok);

        Assert.Equal("BAD_USER_INPUT", (await client.PostAsync(Call, new { u = caller.Id }, bearer: caller.Token)).ErrorCode);
        Assert.Equal("BAD_USER_INPUT", (await client.PostAsync(Call, new { u = "x'--" }, bearer: caller.Token)).ErrorCode);
        Assert.Equal("NOT_FOUND", (await client.PostAsync(Call, new { u = Guid.NewGuid().ToString("N") }, bearer: caller.Token)).ErrorCode);
        Assert.Equal("FORBIDDEN", (await client.PostAsync(Call, new { u = blocker.Id }, bearer: caller.Token)).ErrorCode);
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM rooms"));
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM notifications"));
    }
}
