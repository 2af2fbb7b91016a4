using Tributary.Api.Realtime;
using Tributary.Testing;

namespace Tributary.Api.Tests.Realtime;

public sealed class TopicHubTests
{
    [Fact]
    public async Task An_event_published_on_one_node_reaches_subscribers_on_every_node()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0].GetRequiredService<TopicHub>(), cluster.Nodes[1].GetRequiredService<TopicHub>());
        using var onA = await a.SubscribeAsync("messages:r1");
        using var onB = await b.SubscribeAsync("messages:r1");
        using var otherTopic = await b.SubscribeAsync("messages:r2");

        await a.PublishAsync(new TopicEvent("messages:r1", "message.created", "{\"n\":1}"));
        await b.PublishAsync(new TopicEvent("messages:r1", "message.created", "{\"n\":2}"));

        // Delivery is by one-way observer calls: events published from two nodes may arrive in either order.
        var fromA = new[] { (await ReadAsync(onA)).Payload, (await ReadAsync(onA)).Payload };
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], fromA.Order());
        var fromB = new[] { (await ReadAsync(onB)).Payload, (await ReadAsync(onB)).Payload };
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], fromB.Order());
        Assert.False(otherTopic.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_dropped_and_others_keep_receiving()
    {
        await using var host = await TributaryTestHost.StartAsync(args: ["--Realtime:SubscriberBuffer=2"]);
        var hub = host.GetRequiredService<TopicHub>();
        var slow = await hub.SubscribeAsync("notifications:u1");
        using var fast = await hub.SubscribeAsync("notifications:u1");
        var received = new List<string>();

        for (var i = 0; i < 5; i++)
        {
            await hub.PublishAsync(new TopicEvent("notifications:u1", "notification", i.ToString()));
            received.Add((await ReadAsync(fast)).Payload);
        }

        Assert.Equal(["0", "1", "2", "3", "4"], received);
        var buffered = new List<string>();
        await Assert.ThrowsAsync<SlowSubscriberException>(async () =>
        {
            await foreach (var e in slow.Reader.ReadAllAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
            {
                buffered.Add(e.Payload);
            }
        });
        Assert.Equal(["0", "1"], buffered);
        Assert.Equal(1, hub.LocalSubscriberCount);
    }

    private static async Task<TopicEvent> ReadAsync(TopicSubscription subscription) =>
        await subscription.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
}
