using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tributary.Api.Chat;
using Tributary.Api.Tests.AppRooms;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Chat;

/// <summary>
/// The chat limits (Chat:MessagesPerWindow per user and room, Chat:UserMessagesPerWindow per user over all
/// rooms, per node) on a fake limiter clock: the window passes when the test says so.
/// </summary>
public sealed class ChatRateLimitTests
{
    private const string Send = "mutation ($r: ID!, $t: String!) { sendMessage(roomId: $r, text: $t) { id text } }";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Limits_are_per_user_per_room_and_over_all_rooms_store_and_push_nothing_refused_and_reopen_after_the_window(TestDatabase database)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await TributaryTestHost.StartAsync(
            database,
            args: ["--Chat:MessagesPerWindow=2", "--Chat:UserMessagesPerWindow=3", "--Chat:Window=00:01:00"],
            configure: b => b.Services.AddSingleton(sp => new ChatRateLimiter(sp.GetRequiredService<IOptions<ChatOptions>>(), clock)));
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var alice = await AppUser.CreateAsync(host, "alice");
        var bob = await AppUser.CreateAsync(host, "bob");
        var (r1, r2, r3) = (await AppRoomApiTests.CreateAsync(client, owner, "one"), await AppRoomApiTests.CreateAsync(client, owner, "two"), await AppRoomApiTests.CreateAsync(client, owner, "three"));
        using var watcher = await RawGraphQLSocket.ConnectAsync(host, new { token = owner.Token });
        await watcher.SubscribeAsync("r3", "subscription ($r: ID!) { messages(roomId: $r) { text } }", new { r = r3 });
        await Subscribers.WaitForAsync(host, 1);

        var first = await client.PostAsync(Send, new { r = r1, t = "a1" }, bearer: alice.Token);
        var second = await client.PostAsync(Send, new { r = r1, t = "a2" }, bearer: alice.Token);
        var roomLimited = await client.PostAsync(Send, new { r = r1, t = "a3" }, bearer: alice.Token);
        var otherUser = await client.PostAsync(Send, new { r = r1, t = "b1" }, bearer: bob.Token);
        var otherRoom = await client.PostAsync(Send, new { r = r2, t = "a4" }, bearer: alice.Token);
        var userLimited = await client.PostAsync(Send, new { r = r3, t = "refused" }, bearer: alice.Token);
        var storedWhileLimited = await client.CountAsync("SELECT COUNT(*) FROM messages WHERE user_id = @u", new { u = alice.Id });
        var outboxWhileLimited = await client.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic = 'message.created'");
        clock.Advance(TimeSpan.FromMinutes(1));
        var reopenedRoom = await client.PostAsync(Send, new { r = r1, t = "a5" }, bearer: alice.Token);
        var reopenedUser = await client.PostAsync(Send, new { r = r3, t = "after the window" }, bearer: alice.Token);
        var pushed = await watcher.NextAsync();

        Assert.True(first.Ok && second.Ok && otherUser.Ok && otherRoom.Ok, $"{first.Body} {second.Body} {otherUser.Body} {otherRoom.Body}");
        foreach (var limited in new[] { roomLimited, userLimited })
        {
            Assert.Equal("RATE_LIMITED", limited.ErrorCode);
            var retry = limited.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryAfterSeconds").GetInt32();
            Assert.InRange(retry, 1, 60);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, limited.Body.GetProperty("data").GetProperty("sendMessage").ValueKind);
        }

        Assert.Equal(3, storedWhileLimited);
        Assert.Equal(4, outboxWhileLimited);
        Assert.True(reopenedRoom.Ok && reopenedUser.Ok, $"{reopenedRoom.Body} {reopenedUser.Body}");
        Assert.Equal("after the window", pushed!.Value.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("text").GetString());
        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM messages WHERE body IN ('a3', 'refused')"));
    }
}
