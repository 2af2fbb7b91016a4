using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Studio.Tests.Support;
using Tributary.Testing.Media;
using Tributary.Testing.Servers;

namespace Tributary.Studio.Tests.Cluster;

/// <summary>
/// The studio and the publisher's media on different processes of one cluster: a control node (edge, api, control,
/// studio) without any Janus runs the studio; a <c>media</c> process runs the munit whose Janus holds the Chromium
/// publisher's station. The studio finds the station through the fleet registry and the munit taps it
/// (<c>rtp_forward</c>) to the studio node's source address — the namespace's 10.99.0.1, not loopback — so the program
/// at nginx-rtmp shows the publisher's colour. When that munit dies the publisher re-OFFERs onto the other one and the
/// studio taps it there. Everything runs in a private network namespace (MEDIA-TESTING.md).
/// </summary>
public sealed class RemoteMunitStudioBrowserTests
{
    private const string Fields = "id live destinations { state }";

    [Fact]
    public async Task A_publisher_on_another_processes_munit_is_tapped_to_the_studio_node_and_tapped_again_where_its_station_moves()
    {
        await using var fleet = await NamespacedFleet.StartAsync(
            ["m1", "m2"],
            controlArgs: ["--Studio:AllowPrivateAddresses=true", $"--Studio:SourceAddress={NetworkNamespace.Address}"],
            munitArgs: ["--Media:Janus:KeyframeIntervalSeconds=1"],
            controlRoles: "edge,api,control,studio");
        var server = fleet.Control;
        await using var nginx = await NginxRtmpServer.StartAsync(fleet.Namespace);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await NamespacedChromium.LaunchAsync(playwright, fleet.Namespace, server.DataDir, ["--use-file-for-fake-video-capture=" + NamespacedStudio.FakeCamera(server, "red")]);

        var ownerId = await server.CreateUserAsync("host");
        var token = server.IssueToken(ownerId);
        var rid = (await NamespacedStudio.GraphQLAsync(server, token, "mutation { createRoom(type: M2M, title: \"remote\") { id } }", "createRoom")).GetProperty("id").GetString()!;
        var studioId = (await NamespacedStudio.GraphQLAsync(server, token, "mutation ($r: ID!) { createStudio(roomId: $r) { id } }", "createStudio", new { r = rid })).GetProperty("id").GetString()!;
        await NamespacedStudio.GraphQLAsync(server, token, "mutation ($s: ID!, $u: String!) { addDestination(studioId: $s, kind: CUSTOM, url: $u, streamKey: \"remote-key\") { id } }", "addDestination", new { s = studioId, u = nginx.IngestUrl });
        var session = Guid.NewGuid().ToString();
        await NamespacedStudio.GraphQLAsync(server, token, "mutation ($s: ID!, $st: [String!]!) { setScene(studioId: $s, layout: SOLO, stage: $st) { id } }", "setScene", new { s = studioId, st = new[] { session } });
        await NamespacedStudio.GraphQLAsync(server, token, $"mutation ($id: ID!) {{ goLive(id: $id) {{ {Fields} }} }}", "goLive", new { id = studioId });

        var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Pipeline", "publisher.html"));
        var page = await NamespacedChromium.OpenPageAsync(browser, server, html, "red");
        try
        {
            var joined = await page.EvaluateAsync<JsonElement>("a => T.join(a)", new { server = server.Origin, token, userId = ownerId, sessionId = session, rid, creating = true });
            Assert.True(joined.GetProperty("c").GetInt32() == 200, $"{joined}\n{fleet.Output()}");

            // The munit reports every second; until the registry lists it, OFFER answers 500.
            await Eventually.ReachAsync(() => page.EvaluateAsync<JsonElement>("() => T.offer()"), o => o.GetProperty("c").GetInt32() == 200, "the OFFER answered by the munit", TimeSpan.FromMinutes(2));
            await Eventually.ReachAsync(() => NamespacedStudio.GraphQLAsync(server, token, $"query ($id: ID!) {{ studio(id: $id) {{ {Fields} }} }}", "studio", new { id = studioId }),
                s => s.GetProperty("destinations")[0].GetProperty("state").GetString() == "LIVE", "the destination LIVE", TimeSpan.FromMinutes(3));
            var url = nginx.IngestUrl + "/remote-key";
            await Eventually.ReachAsync(() => NamespacedStudio.GrabAsync(server, url), f => NamespacedStudio.IsRed(f.At(0.5, 0.5)), "the publisher's red in the program", TimeSpan.FromMinutes(3));
            var probe = await NamespacedStudio.ProbeAsync(server, url);
            Assert.Contains("\"h264\"", probe, StringComparison.Ordinal);
            Assert.Contains("\"width\": 1280", probe, StringComparison.Ordinal);
            Assert.Contains("\"aac\"", probe, StringComparison.Ordinal);

            // The munit holding the station tapped it to the studio node's namespace address, not to loopback.
            var tapped = new System.Text.RegularExpressions.Regex($"station of {session} tapped \\(\\w+\\) to {NetworkNamespace.Address.Replace(".", "\\.", StringComparison.Ordinal)}");
            var (first, second) = tapped.IsMatch(fleet.Munits["m1"].Output) ? ("m1", "m2") : ("m2", "m1");
            Assert.Matches(tapped, fleet.Munits[first].Output);

            // That munit dies (kill -9 of its process and Janus). The publisher's next OFFER lands on the other munit;
            // the studio's feed falls quiet, it looks the station up again and taps it there: red again.
            await fleet.KillMunitAsync(first);
            await Eventually.ReachAsync(() => NamespacedStudio.GrabAsync(server, url), f => NamespacedStudio.IsEmptySlot(f.At(0.5, 0.5)), "the empty slot while the station is gone", TimeSpan.FromMinutes(1));
            await Eventually.ReachAsync(() => page.EvaluateAsync<JsonElement>("() => T.offer()"), o => o.GetProperty("c").GetInt32() == 200, $"the OFFER answered by {second}", TimeSpan.FromMinutes(2));
            var survivor = fleet.Munits[second];
            await Eventually.ReachAsync(() => Task.FromResult(survivor.Output), tapped.IsMatch, $"the station tapped again on {second}", TimeSpan.FromMinutes(1));
            await Eventually.ReachAsync(() => NamespacedStudio.GrabAsync(server, url), f => NamespacedStudio.IsRed(f.At(0.5, 0.5)), "the publisher's red back in the program", TimeSpan.FromMinutes(2));

            // endLive closes the tap on the surviving munit.
            await NamespacedStudio.GraphQLAsync(server, token, "mutation ($id: ID!) { endLive(id: $id) { id } }", "endLive", new { id = studioId });
            await Eventually.ReachAsync(() => Task.FromResult(survivor.Output), o => o.Contains($"of {session} closed", StringComparison.Ordinal), "the tap closed on the munit", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{fleet.Output()}");
        }
    }
}
