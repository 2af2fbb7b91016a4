using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Data;
using Tributary.Media.Tests.Browser;
using Tributary.Testing;
using Tributary.Testing.Media;

namespace Tributary.Media.Tests.MediaFleet;

/// <summary>
/// Drain and revive with real munits (issue 10): the control server's autoscaler starts <c>tributary serve --roles
/// media</c> processes through the <c>process</c> provider (each with its own Janus, in one network namespace); an
/// administrator drains and revives a munit over GraphQL while rooms run in Chromium.
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class MunitDrainBrowserTests(MediaBrowserFixture fixture)
{
    private const string First = "proc0-1";
    private const string Second = "proc1-2";
    private const string AdminName = "fleetadmin";

    [Fact]
    public async Task A_drained_munit_gets_no_new_station_keeps_its_room_working_stops_once_empty_and_revive_makes_it_eligible_again()
    {
        // Two stations fill a munit; the cool-down keeps the autoscaler from draining anything by itself here.
        await using var fleet = await NamespacedFleet.StartAsync(
            [],
            ["--Fleet:MaxStations=2", "--Fleet:MinMunits=1", "--Fleet:MaxMunits=2", "--Fleet:ScaleInCoolDown=01:00:00", $"--Accounts:AdminEmails:0={AdminName}@example.test", MediaBrowserFixture.PresenceTimeout],
            autoscale: true);
        var control = fleet.Control;
        string[] logs = [];
        Func<Task<string>> context = () => Task.FromResult(string.Join('\n', logs) + "\n" + fleet.Output());
        await WaitForLogAsync(control, $"Munit {First} joined the fleet", context);
        var admin = control.IssueToken(await TestUsers.InsertAsync(Database.Create(null, control.DataDir), AdminName));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await NamespacedChromium.LaunchAsync(playwright, fleet.Namespace, control.DataDir);
        await using var alice = await OpenAsync(browser, control, "alice");
        await using var bob = await OpenAsync(browser, control, "bob");
        await using var carol = await OpenAsync(browser, control, "carol");
        await using var dave = await OpenAsync(browser, control, "dave");
        await using var erin = await OpenAsync(browser, control, "erin");
        context = async () =>
        {
            var lines = new List<string>();
            foreach (var page in new[] { alice, bob, carol, dave, erin })
            {
                lines.Add(await page.LogAsync());
            }

            return string.Join('\n', lines) + "\n" + fleet.Output();
        };

        // Alice's room (bob watches) on the first munit; carol's station fills it, so the autoscaler starts a second,
        // which takes dave's room.
        var rid = Guid.NewGuid().ToString();
        await PublishAsync(alice, rid, video: true, context);
        Assert.Equal(First, StationLog.MunitOf(control, alice));
        Assert.True((await bob.JoinAsync(rid, "m2m", create: false, video: false, audio: false)) is { C: 200, Answers: [200] }, await context());
        await M2mBrowserTests.DecodesAsync(bob, alice, "VP8", context);
        await PublishAsync(carol, Guid.NewGuid().ToString(), video: false, context);
        Assert.Equal(First, StationLog.MunitOf(control, carol));
        await WaitForLogAsync(control, $"Munit {Second} joined the fleet", context);
        await PublishAsync(dave, Guid.NewGuid().ToString(), video: false, context);
        Assert.Equal(Second, StationLog.MunitOf(control, dave));
        Assert.Equal(200, await carol.LeaveAsync());

        // One station each; drained, the first (the tie's winner) gets no new station: carol's next room goes to the second.
        Assert.Equal("DRAINING", await CommandAsync(control, admin, "drainMunit", First));
        await PublishAsync(carol, Guid.NewGuid().ToString(), video: false, context);
        Assert.Equal(Second, StationLog.MunitOf(control, carol));
        Assert.Equal(200, await carol.LeaveAsync());

        // Alice's room keeps working on the drained munit: bob still decodes her, and erin, joining now, too.
        await M2mBrowserTests.DecodesAsync(bob, alice, "VP8", context);
        Assert.True((await erin.JoinAsync(rid, "m2m", create: false, video: false, audio: false)) is { C: 200, Answers: [200] }, await context());
        await M2mBrowserTests.DecodesAsync(erin, alice, "VP8", context);

        // Revived: one station each again, and the tie goes to the first munit.
        Assert.Equal("ACTIVE", await CommandAsync(control, admin, "reviveMunit", First));
        await PublishAsync(carol, Guid.NewGuid().ToString(), video: false, context);
        Assert.Equal(First, StationLog.MunitOf(control, carol));
        Assert.Equal(200, await carol.LeaveAsync());

        // Drained again, and alice's room ends: the autoscaler stops the empty munit, its process exits.
        Assert.Equal("DRAINING", await CommandAsync(control, admin, "drainMunit", First));
        Assert.NotEmpty(MunitProcesses(First));
        foreach (var page in new[] { bob, erin, alice })
        {
            Assert.Equal(200, await page.LeaveAsync());
        }

        await WaitForLogAsync(control, $"Stopping munit {First}", context);
        await Eventually.WaitAsync(() => Task.FromResult(MunitProcesses(First).Count), n => n == 0, $"munit {First}'s process gone", context);
        await Eventually.WaitAsync(() => ListAsync(control, admin), ids => !ids.Contains(First) && ids.Contains(Second), $"munit {First} no longer listed", context);
    }

    private async Task<RoomPage> OpenAsync(IBrowser browser, NamespacedServer control, string name) =>
        new(await NamespacedChromium.OpenPageAsync(browser, control, fixture.Html, name), control, name, await control.CreateUserAsync(name), Guid.NewGuid().ToString());

    private static async Task PublishAsync(RoomPage page, string rid, bool video, Func<Task<string>> context)
    {
        Assert.Equal(200, (await page.JoinAsync(rid, "m2m", create: true, ignoreOffers: true)).C);
        var published = await page.PublishAsync(video: video, audio: true, codec: video ? "VP8" : null);
        Assert.True(published.C == 200, $"{page.Name} OFFER answered {published.C} {published.Msg}\n{await context()}");
        await Eventually.WaitAsync(page.UplinkStateAsync, s => s == "connected", $"{page.Name}'s uplink", context);
    }

    private static Task WaitForLogAsync(NamespacedServer server, string line, Func<Task<string>> context) =>
        Eventually.WaitAsync(() => Task.FromResult(server.Output.Contains(line, StringComparison.Ordinal)), found => found, $"'{line}' in the control server's log", context, TimeSpan.FromSeconds(180));

    private static async Task<string?> CommandAsync(NamespacedServer control, string token, string mutation, string id)
    {
        var answer = await GraphQlAsync(control, token, $"mutation($id: ID!) {{ {mutation}(id: $id) {{ id status }} }}", new { id });
        return answer.GetProperty("data").GetProperty(mutation).GetProperty("status").GetString();
    }

    private static async Task<List<string>> ListAsync(NamespacedServer control, string token)
    {
        var answer = await GraphQlAsync(control, token, "{ munits { id } }", null);
        return [.. answer.GetProperty("data").GetProperty("munits").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }

    private static async Task<JsonElement> GraphQlAsync(NamespacedServer control, string token, string query, object? variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await control.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && !body.TryGetProperty("errors", out _), $"{query}: {body}");
        return body;
    }

    /// <summary>Processes started for the munit (its server; the provider passes <c>--Media:Munit:Id=</c>).</summary>
    private static List<int> MunitProcesses(string munitId)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcessTree.IsRunning(pid))
            {
                try
                {
                    var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                    if (args.Contains($"--Media:Munit:Id={munitId}"))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        return found;
    }
}
