using System.Text.Json;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Webhooks;

public sealed class WebhookAdminApiTests
{
    private const string Create = "mutation ($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { secret webhook { id url events active } } }";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_admin_registers_lists_and_disables_a_webhook(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Accounts:AdminEmails:0=admin@example.test"]);
        var client = new GraphQLClient(host);
        var admin = await AppUser.CreateAsync(host, "admin");

        var created = await client.PostAsync(Create, new { url = "https://hooks.example.com/tributary", events = new[] { "room.started", "message.created", "room.started" } }, bearer: admin.Token);
        var webhook = created.Data("createWebhook").GetProperty("webhook");
        var id = webhook.GetProperty("id").GetString();
        var disabled = await client.PostAsync("mutation ($id: ID!) { disableWebhook(id: $id) }", new { id }, bearer: admin.Token);
        var listed = await client.PostAsync("{ webhooks { id active events } }", bearer: admin.Token);
        var again = await client.PostAsync("mutation ($id: ID!) { disableWebhook(id: $id) }", new { id }, bearer: admin.Token);

        Assert.True(created.Ok, created.Body.ToString());
        Assert.StartsWith("whsec_", created.Data("createWebhook").GetProperty("secret").GetString());
        Assert.Equal(["room.started", "message.created"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(disabled.Data("disableWebhook").GetBoolean());
        Assert.False(listed.Data("webhooks")[0].GetProperty("active").GetBoolean());
        Assert.Equal("NOT_FOUND", again.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_webhook_registrations_answer_BAD_USER_INPUT_and_register_nothing(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database, args: ["--Accounts:AdminEmails:0=admin@example.test"]);
        var client = new GraphQLClient(host);
        var admin = await AppUser.CreateAsync(host, "admin");
        (string Url, string[] Events, string Field)[] cases =
        [
            ("http://127.0.0.1:9/hook", ["room.started"], "url"),
            ("http://10.1.2.3/hook", ["room.started"], "url"),
            ("http://localhost/hook", ["room.started"], "url"),
            ("ftp://example.com/hook", ["room.started"], "url"),
            ("https://user:pw@example.com/hook", ["room.started"], "url"),
            ("not a url", ["room.started"], "url"),
            ("https://example.com/" + new string('a', 2100), ["room.started"], "url"),
            ("https://example.com/hook", [], "events"),
            ("https://example.com/hook", ["room.exploded"], "events"),
        ];
        foreach (var (url, events, field) in cases)
        {
            var response = await client.PostAsync(Create, new { url, events }, bearer: admin.Token);
            Assert.True(response.ErrorCode == "BAD_USER_INPUT" && response.ErrorField == field, $"{url} {JsonSerializer.Serialize(events)}: {response.Body}");
        }

        Assert.Equal(0, await client.CountAsync("SELECT COUNT(*) FROM webhooks"));
    }
}
