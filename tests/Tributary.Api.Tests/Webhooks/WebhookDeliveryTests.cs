using System.Text.Json;
using Tributary.Api.Webhooks;
using Tributary.Data;
using Tributary.Data.Outbox;
using Tributary.Hosting;
using Tributary.Testing;

namespace Tributary.Api.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private static readonly string[] FastRetries =
    [
        "--Webhooks:AllowPrivateAddresses=true",
        "--Webhooks:PollInterval=00:00:00.050",
        "--Webhooks:BaseRetryDelay=00:00:00.010",
        "--Webhooks:MaxRetryDelay=00:00:00.050",
        "--Webhooks:MaxAttempts=3",
        "--Outbox:PollInterval=00:00:00.050",
    ];

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_subscribed_event_is_posted_with_a_signature_that_verifies(TestDatabase kind)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.All, FastRetries);
        var (hook, secret) = await host.GetRequiredService<WebhookStore>().CreateAsync(receiver.Url, ["user.registered"], "admin", Now());

        var eventId = await EnqueueAsync(host, "user.registered", new { userId = "u1", username = "ada" });
        var received = await receiver.NextAsync();

        Assert.True(WebhookSignature.Verify(secret, received.Signature, received.Body));
        Assert.False(WebhookSignature.Verify("whsec_other", received.Signature, received.Body));
        Assert.Equal("user.registered", received.Topic);
        Assert.Equal(eventId, received.EventId);
        using var json = JsonDocument.Parse(received.Body);
        Assert.Equal("ada", json.RootElement.GetProperty("data").GetProperty("username").GetString());
        Assert.Equal("user.registered", json.RootElement.GetProperty("type").GetString());
        var delivery = await WaitForAsync(host, hook.Id, d => d.Status == "delivered");
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task Events_of_other_topics_and_disabled_webhooks_are_not_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.All, FastRetries);
        var store = host.GetRequiredService<WebhookStore>();
        var (wanted, _) = await store.CreateAsync(receiver.Url, ["room.started"], "admin", Now());
        var (disabled, _) = await store.CreateAsync(receiver.Url, ["user.registered", "room.started"], "admin", Now());
        Assert.True(await store.DisableAsync(disabled.Id, Now()));

        await EnqueueAsync(host, "user.registered", new { });
        var startedId = await EnqueueAsync(host, "room.started", new { roomId = "r1" });
        var received = await receiver.NextAsync();
        await WaitForAsync(host, wanted.Id, d => d.Status == "delivered");

        Assert.Equal(startedId, received.EventId);
        Assert.False(receiver.TryTake(out _));
        Assert.Empty(await store.ListDeliveriesAsync(disabled.Id, 10));
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_until_the_endpoint_accepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.All, FastRetries);
        var (hook, _) = await host.GetRequiredService<WebhookStore>().CreateAsync(receiver.Url, ["call.missed"], "admin", Now());
        receiver.AnswerNext(500, 503);

        await EnqueueAsync(host, "call.missed", new { });
        var answers = new[] { (await receiver.NextAsync()).AnsweredWith, (await receiver.NextAsync()).AnsweredWith, (await receiver.NextAsync()).AnsweredWith };
        var delivery = await WaitForAsync(host, hook.Id, d => d.Status == "delivered");

        Assert.Equal([500, 503, 200], answers);
        Assert.Equal(3, delivery.Attempts);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_dead_lettered_and_can_be_replayed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, ServerRoles.All, FastRetries);
        var store = host.GetRequiredService<WebhookStore>();
        var (hook, _) = await store.CreateAsync(receiver.Url, ["message.created"], "admin", Now());
        receiver.AnswerNext(500, 500, 500);

        var eventId = await EnqueueAsync(host, "message.created", new { });
        for (var i = 0; i < 3; i++)
        {
            await receiver.NextAsync();
        }

        var dead = await WaitForAsync(host, hook.Id, d => d.Status == "dead");
        Assert.Equal(3, dead.Attempts);
        Assert.Equal("endpoint answered 500", dead.LastError);

        Assert.True(await store.ReplayAsync(dead.Id, Now()));
        var again = await receiver.NextAsync();
        var delivered = await WaitForAsync(host, hook.Id, d => d.Status == "delivered");
        Assert.Equal(eventId, again.EventId);
        Assert.Equal(dead.Id, delivered.Id);
    }

    [Fact]
    public async Task An_event_committed_while_no_dispatcher_runs_is_delivered_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        string connectionString;
        string eventId;
        // An api-only node commits the event and dies before any dispatcher saw it.
        await using (var apiOnly = await TributaryTestHost.StartAsync(TestDatabase.Postgres, ServerRoles.Api, FastRetries))
        {
            await apiOnly.GetRequiredService<WebhookStore>().CreateAsync(receiver.Url, ["user.registered"], "admin", Now());
            eventId = await EnqueueAsync(apiOnly, "user.registered", new { });
            connectionString = apiOnly.ConnectionString;
        }

        Assert.False(receiver.TryTake(out _));
        await using var control = await TributaryTestHost.StartAsync(TestDatabase.Postgres, ServerRoles.Control, FastRetries, connectionString: connectionString);
        var received = await receiver.NextAsync();

        Assert.Equal(eventId, received.EventId);
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "url must be an absolute http or https URL")]
    [InlineData("/relative", "url must be an absolute http or https URL")]
    [InlineData("http://127.0.0.1:9/hook", "url must point to a public address")]
    [InlineData("http://localhost/hook", "url must point to a public address")]
    [InlineData("http://10.1.2.3/hook", "url must point to a public address")]
    [InlineData("http://169.254.169.254/latest/meta-data", "url must point to a public address")]
    [InlineData("http://[fd00::1]/hook", "url must point to a public address")]
    [InlineData("https://user:pw@example.com/hook", "url must not carry credentials")]
    public void Internal_or_malformed_urls_are_refused_when_private_addresses_are_not_allowed(string url, string error)
    {
        Assert.Equal(error, WebhookAddressGuard.Validate(url, allowPrivate: false));
    }

    [Fact]
    public void Public_urls_are_accepted()
    {
        Assert.Null(WebhookAddressGuard.Validate("https://hooks.example.com/tributary", allowPrivate: false));
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task<string> EnqueueAsync(TributaryTestHost host, string topic, object payload)
    {
        var database = host.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await OutboxWriter.EnqueueAsync(connection, transaction, topic, payload, TimeProvider.System);
        await transaction.CommitAsync();
        var entries = await host.GetRequiredService<OutboxStore>().ListAsync(topic);
        return entries[0].Id;
    }

    private static async Task<WebhookDelivery> WaitForAsync(TributaryTestHost host, string webhookId, Func<WebhookDelivery, bool> condition)
    {
        var store = host.GetRequiredService<WebhookStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var deliveries = await store.ListDeliveriesAsync(webhookId, 10, timeout.Token);
            if (deliveries.FirstOrDefault(condition) is { } match)
            {
                return match;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
