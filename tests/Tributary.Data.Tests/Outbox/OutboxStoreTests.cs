using Dapper;
using Microsoft.Extensions.Time.Testing;
using Tributary.Data.Outbox;
using Tributary.Testing;

namespace Tributary.Data.Tests.Outbox;

public sealed class OutboxStoreTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    [InlineData(TestDatabase.PgBouncer)]
    public async Task A_claimed_event_is_invisible_to_other_claims_until_its_lease_ends(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, Hosting.ServerRoles.Api);
        var database = host.GetRequiredService<Database>();
        var store = host.GetRequiredService<OutboxStore>();
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        await EnqueueAsync(database, clock, "test.one", new { n = 1 });
        await EnqueueAsync(database, clock, "test.two", new { n = 2 });
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();

        var first = await store.ClaimDueAsync(10, now, now + 30_000);
        var second = await store.ClaimDueAsync(10, now + 1_000, now + 31_000);
        var afterLease = await store.ClaimDueAsync(10, now + 30_000, now + 60_000);

        Assert.Equal(["test.one", "test.two"], first.Select(m => m.Topic));
        Assert.All(first, m => Assert.Equal(1, m.Attempts));
        Assert.Empty(second);
        Assert.Equal(2, afterLease.Count);
        Assert.All(afterLease, m => Assert.Equal(2, m.Attempts));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PgBouncer)]
    public async Task Concurrent_claims_never_hand_out_the_same_event_twice(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, Hosting.ServerRoles.Api);
        var database = host.GetRequiredService<Database>();
        var store = host.GetRequiredService<OutboxStore>();
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        for (var i = 0; i < 60; i++)
        {
            await EnqueueAsync(database, clock, "test.many", new { i });
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ClaimWithRetryAsync(store, now))));

        var ids = claims.SelectMany(c => c).Select(m => m.Id).ToList();
        Assert.Equal(60, ids.Count);
        Assert.Equal(60, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_failed_event_waits_for_its_retry_time_and_a_dead_one_can_be_replayed(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, Hosting.ServerRoles.Api);
        var database = host.GetRequiredService<Database>();
        var store = host.GetRequiredService<OutboxStore>();
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        await EnqueueAsync(database, clock, "test.fail", new { });
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var claimed = Assert.Single(await store.ClaimDueAsync(10, now, now + 30_000));

        await store.MarkFailedAsync(claimed.Id, "boom", now + 5_000, dead: false);
        var early = await store.ClaimDueAsync(10, now + 4_999, now + 40_000);
        var due = await store.ClaimDueAsync(10, now + 5_000, now + 40_000);
        await store.MarkFailedAsync(claimed.Id, "boom again", now + 6_000, dead: true);
        var whileDead = await store.ClaimDueAsync(10, now + 100_000, now + 200_000);
        var replayedOnce = await store.ReplayAsync(claimed.Id, now + 100_000);
        var replayedTwice = await store.ReplayAsync(claimed.Id, now + 100_000);
        var entry = await store.GetAsync(claimed.Id);

        Assert.Empty(early);
        Assert.Single(due);
        Assert.Empty(whileDead);
        Assert.True(replayedOnce);
        Assert.False(replayedTwice);
        Assert.Equal(new OutboxEntry(claimed.Id, "test.fail", "pending", 0, "boom again"), entry);
    }

    [Fact]
    public async Task An_event_enqueued_in_a_rolled_back_transaction_never_exists()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, Hosting.ServerRoles.Api);
        var database = host.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await OutboxWriter.EnqueueAsync(connection, transaction, "test.rollback", new { }, TimeProvider.System);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await host.GetRequiredService<OutboxStore>().ListAsync("test.rollback"));
    }

    internal static async Task EnqueueAsync(Database database, TimeProvider clock, string topic, object payload)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await OutboxWriter.EnqueueAsync(connection, transaction, topic, payload, clock);
        await transaction.CommitAsync();
    }

    private static async Task<List<OutboxMessage>> ClaimWithRetryAsync(OutboxStore store, long now)
    {
        var all = new List<OutboxMessage>();
        while (true)
        {
            var batch = await store.ClaimDueAsync(7, now, now + 60_000);
            if (batch.Count == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }
}
