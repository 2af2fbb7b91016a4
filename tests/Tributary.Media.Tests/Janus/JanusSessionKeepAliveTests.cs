using System.Text.Json.Nodes;

namespace Tributary.Media.Tests.Janus;

public sealed class JanusSessionKeepAliveTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Keepalives_hold_a_session_open_past_Janus_session_timeout_while_an_idle_one_dies()
    {
        await using var unit = await JanusTestUnits.StartAsync(new TestLogger(output), o =>
        {
            o.SessionTimeoutSeconds = 5;
            o.KeepAliveInterval = TimeSpan.FromSeconds(1);
        });
        await using var polled = await unit.CreateSessionAsync();
        using var http = new HttpClient();
        var idle = JsonNode.Parse(await (await http.PostAsync(unit.Configuration!.ApiUri, new StringContent($$"""{"janus":"create","transaction":"idle","apisecret":"{{unit.Configuration.ApiSecret}}"}"""))).Content.ReadAsStringAsync())!["data"]!["id"]!.GetValue<long>();

        // Wait (guarded) until Janus's watchdog has dropped the idle session.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        List<long> sessions;
        do
        {
            await Task.Delay(250, guard.Token);
            sessions = [.. (await unit.AdminAsync("list_sessions", cancellationToken: guard.Token))["sessions"]!.AsArray().Select(s => s!.GetValue<long>())];
        }
        while (sessions.Contains(idle));

        Assert.Contains(polled.Id, sessions);
        Assert.True(polled.IsOpen);
        Assert.True(await polled.AttachAsync("janus.plugin.videoroom") > 0);
    }
}
