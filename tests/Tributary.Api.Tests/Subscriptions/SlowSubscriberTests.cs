using Tributary.Api.Realtime;
using Tributary.Api.Subscriptions;
using Tributary.Api.Tests.AppRooms;
using Tributary.Api.Tests.Support;
using Tributary.Data.Chat;
using Tributary.Ids;
using Tributary.Testing;

namespace Tributary.Api.Tests.Subscriptions;

/// <summary>Backpressure: a subscriber that stops reading is dropped, not buffered without bound.</summary>
public sealed class SlowSubscriberTests
{
    [Fact]
    public async Task A_subscriber_that_stops_reading_is_closed_with_1008_and_holds_no_subscription()
    {
        // A send queue of 8 and a close timeout far above the time the test needs to start reading again:
        // the close frame then waits behind the blocked send and is delivered, so the code is observable.
        await using var host = await TributaryTestHost.StartAsync(
            TestDatabase.Sqlite,
            args: ["--Subscriptions:SendQueueLength=8", "--Subscriptions:CloseTimeout=00:03:00"]);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var viewer = await AppUser.CreateAsync(host, "viewer");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "busy chat");
        var hub = host.GetRequiredService<TopicHub>();
        var publisher = host.GetRequiredService<RealtimePublisher>();
        using var slow = await RawGraphQLSocket.ConnectAsync(host, new { token = viewer.Token }, receiveBufferBytes: 4096);
        await slow.SubscribeAsync("m", "subscription ($r: ID!) { messages(roomId: $r) { id text } }", new { r = room });
        await Subscribers.WaitForAsync(host, 1);

        // The client reads nothing now. Each event is ~32 KB on the wire; TCP buffers, the socket's
        // queue of 8 and the hub's buffer fill, then the server must let go of the subscriber.
        const int Cap = 4000;
        var text = new string('x', 32 * 1024);
        var published = 0;
        while (hub.LocalSubscriberCount > 0 && published < Cap)
        {
            await publisher.MessageAsync(new ChatMessage(TimeOrderedId.New(), room, owner.Id, text, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), false));
            published++;
        }

        await WaitUntilAsync(() => hub.LocalSubscriberCount == 0);

        // Reading again drains what the buffers held, then the close frame.
        var delivered = 0;
        while (await slow.ReceiveAsync(TimeSpan.FromSeconds(60)) is { } message)
        {
            Assert.Equal("next", message.GetProperty("type").GetString());
            delivered++;
        }

        Assert.True(published < Cap, $"the server kept buffering {published} events of 32 KB");
        Assert.Equal(1008, slow.CloseStatus);
        Assert.True(delivered < published, $"{delivered} of {published} delivered: nothing was dropped");
        Assert.Equal(0, hub.LocalSubscriberCount);
    }

    [Fact]
    public async Task Dropping_a_slow_subscriber_leaves_the_other_subscribers_of_the_topic_served()
    {
        await using var host = await TributaryTestHost.StartAsync(
            TestDatabase.Sqlite,
            args: ["--Subscriptions:SendQueueLength=8", "--Subscriptions:CloseTimeout=00:03:00"]);
        var client = new GraphQLClient(host);
        var owner = await AppUser.CreateAsync(host, "owner");
        var viewer = await AppUser.CreateAsync(host, "viewer");
        var room = await AppRoomApiTests.CreateAsync(client, owner, "busy chat");
        var hub = host.GetRequiredService<TopicHub>();
        var publisher = host.GetRequiredService<RealtimePublisher>();
        using var slow = await RawGraphQLSocket.ConnectAsync(host, new { token = viewer.Token }, receiveBufferBytes: 4096);
        await slow.SubscribeAsync("m", "subscription ($r: ID!) { messages(roomId: $r) { id text } }", new { r = room });
        await Subscribers.WaitForAsync(host, 1);
        using var reader = await RawGraphQLSocket.ConnectAsync(host, new { token = owner.Token });
        await reader.SubscribeAsync("m", "subscription ($r: ID!) { messages(roomId: $r) { id } }", new { r = room });
        await Subscribers.WaitForAsync(host, 2);

        // Lockstep: each event goes out once the reader has the previous one, so only the slow socket
        // falls behind, however loaded the machine is.
        var text = new string('x', 32 * 1024);
        var readerIds = new List<string>();
        var published = 0;
        while (hub.LocalSubscriberCount > 1 && published < 4000)
        {
            await publisher.MessageAsync(new ChatMessage($"m{published}", room, owner.Id, text, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), false));
            published++;
            readerIds.Add(await MessageIdAsync(reader));
        }

        await publisher.MessageAsync(new ChatMessage("last", room, owner.Id, "done", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), false));
        readerIds.Add(await MessageIdAsync(reader));

        Assert.Equal(1, hub.LocalSubscriberCount);
        Assert.Equal([.. Enumerable.Range(0, published).Select(i => $"m{i}"), "last"], readerIds);
    }

    private static async Task<string> MessageIdAsync(RawGraphQLSocket reader)
    {
        var message = await reader.NextAsync(TimeSpan.FromSeconds(60));
        Assert.True(message is not null, $"the reader was closed with {reader.CloseStatus}");
        return message.Value.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("id").GetString()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
