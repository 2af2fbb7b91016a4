using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Data.Outbox;
using Tributary.Hosting;
using Tributary.Testing;

namespace Tributary.Data.Tests.Outbox;

public sealed class OutboxDispatcherTests
{
    private static readonly string[] FastRetries =
    [
        "--Outbox:PollInterval=00:00:00.050",
        "--Outbox:BaseRetryDelay=00:00:00.010",
        "--Outbox:MaxRetryDelay=00:00:00.050",
        "--Outbox:MaxAttempts=3",
    ];

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PgBouncer)]
    public async Task A_committed_event_reaches_every_consumer_that_accepts_its_topic(TestDatabase kind)
    {
        var wanted = new RecordingConsumer("test.");
        var other = new RecordingConsumer("other.");
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api | ServerRoles.Control, FastRetries,
            b => b.Services.AddSingleton<IOutboxConsumer>(wanted).AddSingleton<IOutboxConsumer>(other));

        await OutboxStoreTests.EnqueueAsync(host.GetRequiredService<Database>(), TimeProvider.System, "test.hello", new { greeting = "hi" });
        var message = await wanted.Next.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("test.hello", message.Topic);
        Assert.Equal("{\"greeting\":\"hi\"}", message.Payload);
        Assert.Empty(other.Received);
        var entry = await WaitForStatusAsync(host, message.Id, "delivered");
        Assert.Equal(1, entry.Attempts);
    }

    [Fact]
    public async Task A_failing_consumer_is_retried_then_the_event_is_dead_lettered()
    {
        var failing = new RecordingConsumer("test.", fail: true);
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.Api | ServerRoles.Control, FastRetries,
            b => b.Services.AddSingleton<IOutboxConsumer>(failing));

        await OutboxStoreTests.EnqueueAsync(host.GetRequiredService<Database>(), TimeProvider.System, "test.broken", new { });
        var first = await failing.Next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var entry = await WaitForStatusAsync(host, first.Id, "dead");

        Assert.Equal(3, entry.Attempts);
        Assert.Equal(3, failing.Received.Count);
        Assert.Equal("InvalidOperationException: consumer refused", entry.LastError);
    }

    private static async Task<OutboxEntry> WaitForStatusAsync(TributaryTestHost host, string id, string status)
    {
        var store = host.GetRequiredService<OutboxStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var entry = await store.GetAsync(id, timeout.Token);
            if (entry?.Status == status)
            {
                return entry;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private sealed class RecordingConsumer(string prefix, bool fail = false) : IOutboxConsumer
    {
        public ConcurrentQueue<OutboxMessage> Received { get; } = new();

        public TaskCompletionSource<OutboxMessage> Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Accepts(string topic) => topic.StartsWith(prefix, StringComparison.Ordinal);

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Received.Enqueue(message);
            Next.TrySetResult(message);
            return fail ? Task.FromException(new InvalidOperationException("consumer refused")) : Task.CompletedTask;
        }
    }
}
