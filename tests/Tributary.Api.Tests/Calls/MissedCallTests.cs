using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tributary.Api.Tests.Support;
using Tributary.Client;
using Tributary.Rooms.Presence;
using Tributary.Testing;

namespace Tributary.Api.Tests.Calls;

/// <summary>
/// The whole missed-call flow through the app's API: callUser rings the callee's graphql-ws subscriptions,
/// the caller JOINs over /signal, the callee never does; when the room clock passes the callee timeout
/// (30 s, on a fake clock: no real waiting) the callee's notifications subscription and query show it.
/// </summary>
public sealed class MissedCallTests
{
    [Fact]
    public async Task An_unanswered_call_reaches_the_callee_as_a_missed_call_on_the_subscription_and_the_query()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, configure: b => b.Services.AddSingleton(new RoomClock(clock)));
        var client = new GraphQLClient(host);
        var caller = await AppUser.CreateAsync(host, "caller");
        var callee = await AppUser.CreateAsync(host, "callee");
        await using var node = Subscribers.Start(
            host,
            new { token = callee.Token },
            3,
            ("subscription { incomingCall { roomId caller { username } } }", null),
            ("subscription { notifications { kind read actor { username } room { id type endedAt } } }", null));
        await Subscribers.WaitForAsync(host, 2, node);

        var call = await client.PostAsync("mutation ($u: ID!) { callUser(userId: $u) { id } }", new { u = callee.Id }, bearer: caller.Token);
        Assert.True(call.Ok, call.Body.ToString());
        var roomId = call.Data("callUser").GetProperty("id").GetString()!;
        var ringing = new[] { await node.NextEventAsync("next"), await node.NextEventAsync("next") };

        await using var signal = await SignalClient.ConnectAsync(
            host.BaseUri,
            caller.Token,
            new SignalSession(caller.Id, Guid.NewGuid().ToString(), Host: "Web", DeviceId: "caller-phone"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false });
        Assert.Equal(200, (await signal.JoinAsync(roomId, RoomChannel.P2p, create: true)).Code);

        // The caller keeps heartbeating (every 3 s of room time) until the room gives up on the callee.
        for (var i = 0; i < 15; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(3));
            if ((await signal.HeartbeatAsync(roomId)).Code != 200)
            {
                break;
            }
        }

        await signal.WaitForAsync(m => m.Signal == "LEAVE" && m.Code == 4003 && m.RoomId == roomId);
        var missed = await node.NextEventAsync("next", TimeSpan.FromSeconds(60));
        await EndedAsync(client, roomId, caller);
        var listed = await client.PostAsync("{ notifications { edges { node { kind actor { id } room { id endedAt } } } } unreadNotificationCount }", bearer: callee.Token);
        var callerView = await client.PostAsync("{ unreadNotificationCount }", bearer: caller.Token);

        var ring = ringing.Single(e => e.GetProperty("op").GetInt32() == 0).GetProperty("payload").GetProperty("data").GetProperty("incomingCall");
        Assert.Equal(roomId, ring.GetProperty("roomId").GetString());
        Assert.Equal("caller", ring.GetProperty("caller").GetProperty("username").GetString());
        var incoming = ringing.Single(e => e.GetProperty("op").GetInt32() == 1).GetProperty("payload").GetProperty("data").GetProperty("notifications");
        Assert.Equal("INCOMING_CALL", incoming.GetProperty("kind").GetString());
        Assert.Equal(1, missed.GetProperty("op").GetInt32());
        var pushed = missed.GetProperty("payload").GetProperty("data").GetProperty("notifications");
        Assert.Equal("MISSED_CALL", pushed.GetProperty("kind").GetString());
        Assert.False(pushed.GetProperty("read").GetBoolean());
        Assert.Equal("caller", pushed.GetProperty("actor").GetProperty("username").GetString());
        Assert.Equal(roomId, pushed.GetProperty("room").GetProperty("id").GetString());
        Assert.Equal("P2P", pushed.GetProperty("room").GetProperty("type").GetString());

        Assert.True(listed.Ok, listed.Body.ToString());
        var nodes = listed.Data("notifications").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(["MISSED_CALL", "INCOMING_CALL"], nodes.Select(n => n.GetProperty("kind").GetString()));
        Assert.All(nodes, n => Assert.Equal(roomId, n.GetProperty("room").GetProperty("id").GetString()));
        Assert.Equal(caller.Id, nodes[0].GetProperty("actor").GetProperty("id").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, nodes[0].GetProperty("room").GetProperty("endedAt").ValueKind);
        Assert.Equal(2, listed.Data("unreadNotificationCount").GetInt32());
        Assert.Equal(0, callerView.Data("unreadNotificationCount").GetInt32());
        Assert.Equal(1, await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'call.missed'"));
    }

    /// <summary>The room grain ends the room right after reporting the missed call: wait for that.</summary>
    private static async Task EndedAsync(GraphQLClient client, string roomId, AppUser owner)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var room = await client.PostAsync("query ($id: ID!) { room(id: $id) { endedAt } }", new { id = roomId }, bearer: owner.Token);
            if (room.Ok && room.Data("room").GetProperty("endedAt").ValueKind != System.Text.Json.JsonValueKind.Null)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
