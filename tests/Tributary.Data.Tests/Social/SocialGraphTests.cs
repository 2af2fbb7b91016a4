using Tributary.Data.Notifications;
using Tributary.Data.Outbox;
using Tributary.Data.Social;
using Tributary.Hosting;
using Tributary.Testing;

namespace Tributary.Data.Tests.Social;

public sealed class SocialGraphTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Follow_is_idempotent_and_notifies_the_followee_once(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api);
        var (graph, database) = (host.GetRequiredService<SocialGraph>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var bob = await TestUsers.InsertAsync(database, "bob");
        var announced = new List<Notification>();
        host.GetRequiredService<NotificationStore>().Added += announced.Add;

        Assert.Equal(FollowOutcome.Following, await graph.FollowAsync(bob, ada));
        Assert.Equal(FollowOutcome.Following, await graph.FollowAsync(bob, ada));

        var notifications = await host.GetRequiredService<NotificationStore>().ListAsync(ada, 10, null);
        var single = Assert.Single(notifications.Items);
        Assert.Equal((NotificationKinds.NewFollower, bob), (single.Kind, single.ActorId));
        Assert.Single(announced);
        Assert.Single(await host.GetRequiredService<OutboxStore>().ListAsync("user.followed"));
        Assert.True(await graph.IsFollowingAsync(bob, ada));
        Assert.Equal((1L, 0L), (await graph.CountsAsync([ada]))[ada]);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Refused_follows_change_nothing(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api);
        var (graph, database) = (host.GetRequiredService<SocialGraph>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var bob = await TestUsers.InsertAsync(database, "bob");
        Assert.True(await graph.BlockAsync(ada, bob));

        Assert.Equal(FollowOutcome.Self, await graph.FollowAsync(ada, ada));
        Assert.Equal(FollowOutcome.UserNotFound, await graph.FollowAsync(ada, "nobody"));
        Assert.Equal(FollowOutcome.Blocked, await graph.FollowAsync(bob, ada));
        Assert.Equal(FollowOutcome.Blocked, await graph.FollowAsync(ada, bob));

        Assert.Equal((0L, 0L), (await graph.CountsAsync([ada]))[ada]);
        Assert.Equal((0L, 0L), (await graph.CountsAsync([bob]))[bob]);
        Assert.Empty(await host.GetRequiredService<OutboxStore>().ListAsync("user.followed"));
        Assert.Equal(0, await host.GetRequiredService<NotificationStore>().UnreadCountAsync(ada));
    }

    [Fact]
    public async Task Blocking_removes_follows_both_ways_and_unblocking_allows_following_again()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.Api);
        var (graph, database) = (host.GetRequiredService<SocialGraph>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var bob = await TestUsers.InsertAsync(database, "bob");
        await graph.FollowAsync(ada, bob);
        await graph.FollowAsync(bob, ada);

        Assert.True(await graph.BlockAsync(ada, bob));
        Assert.False(await graph.IsFollowingAsync(ada, bob));
        Assert.False(await graph.IsFollowingAsync(bob, ada));
        Assert.True(await graph.UnblockAsync(ada, bob));
        Assert.False(await graph.UnblockAsync(ada, bob));
        Assert.Equal(FollowOutcome.Following, await graph.FollowAsync(bob, ada));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Followers_pages_walk_newest_first_without_gaps_or_repeats(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api);
        var (graph, database) = (host.GetRequiredService<SocialGraph>(), host.GetRequiredService<Database>());
        var star = await TestUsers.InsertAsync(database, "star");
        var fans = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var fan = await TestUsers.InsertAsync(database, $"fan{i}");
            fans.Add(fan);
            await graph.FollowAsync(fan, star);
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await graph.FollowersAsync(star, 3, after);
            seen.AddRange(page.Items.Select(f => f.UserId));
            pages++;
            if (!page.HasNextPage)
            {
                break;
            }

            after = page.Cursors[^1];
        }

        Assert.Equal(3, pages);
        Assert.Equal(fans.OrderBy(f => f).ToHashSet(), seen.ToHashSet());
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Single((await graph.FollowingAsync(fans[0], 10, null)).Items);
    }

    [Fact]
    public async Task Notifications_can_be_marked_read_only_by_their_recipient()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.Api);
        var (graph, database, store) = (host.GetRequiredService<SocialGraph>(), host.GetRequiredService<Database>(), host.GetRequiredService<NotificationStore>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var bob = await TestUsers.InsertAsync(database, "bob");
        var cy = await TestUsers.InsertAsync(database, "cy");
        await graph.FollowAsync(bob, ada);
        await graph.FollowAsync(cy, ada);
        var first = (await store.ListAsync(ada, 10, null)).Items[0];

        Assert.Equal(0, await store.MarkReadAsync(bob, [first.Id]));
        Assert.Equal(2, await store.UnreadCountAsync(ada));
        Assert.Equal(1, await store.MarkReadAsync(ada, [first.Id]));
        Assert.Equal(1, await store.UnreadCountAsync(ada));
        Assert.Equal(1, await store.MarkReadAsync(ada, null));
        Assert.Equal(0, await store.UnreadCountAsync(ada));
    }
}
