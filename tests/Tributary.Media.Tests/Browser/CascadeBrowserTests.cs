using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tributary.Testing.Media;
using Tributary.Testing.Servers;

namespace Tributary.Media.Tests.Browser;

/// <summary>
/// Cascading across two munits with real browsers (issue 10): three real <c>tributary serve</c> processes in one
/// network namespace and one Orleans cluster — <c>edge,api,control</c> without Janus takes the pages' signals, two
/// <c>media</c> processes are munits with their own Janus — and a capacity of two downlinks per munit
/// (<c>Fleet:MaxDownlinks=2</c>). One publisher and four viewers in one Chromium: two viewers are served by the
/// publisher's munit, two by the other munit through one forward (VideoRoom remote publisher), and all four decode
/// the video. What each Janus holds is read through its admin API. Runs in the browser collection, i.e. alone.
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class CascadeBrowserTests(MediaBrowserFixture fixture)
{
    private const int RedisPort = 6379;

    [Fact]
    public async Task With_two_downlinks_per_munit_two_of_four_viewers_decode_the_publisher_through_one_forward_to_the_other_munit_which_goes_when_they_leave()
    {
        using var ns = NetworkNamespace.Create();
        using var redis = ExternalProcess.Start("ip", "netns", "exec", ns.Name, ExternalProcess.Require("/usr/bin/redis-server", "redis-server"),
            "--port", $"{RedisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        try
        {
            await TwoProcessMediaBrowserTests.WaitForRedisAsync(ns, redis);
            string[] cluster = ["--Cluster:Provider=redis", $"--Cluster:RedisConnectionString=127.0.0.1:{RedisPort}", $"--Cluster:ClusterId=cascade-{Guid.NewGuid():N}"];

            // A generous DeadAfter: nothing dies in this test, and a loaded machine can delay a report.
            string[] fleet = ["--Fleet:MaxDownlinks=2", "--Fleet:DeadAfter=00:01:00"];
            await using var edge = await NamespacedServer.StartAsync(ns, "edge,api,control", [.. cluster, "--Cluster:SiloPort=11111", "--Cluster:GatewayPort=30000", .. fleet, MediaBrowserFixture.PresenceTimeout]);
            var database = $"--Database:ConnectionString=Data Source={Path.Combine(edge.DataDir, "tributary.db")}";
            var adminA = new NamespacedJanusAdmin(17088);
            var adminB = new NamespacedJanusAdmin(17089);
            await using var mediaA = await NamespacedServer.StartAsync(ns, "media",
            [
                .. cluster, "--Cluster:SiloPort=11112", "--Cluster:GatewayPort=30001", database, .. fleet,
                .. NamespacedServer.JanusArgs, .. adminA.Args, "--Media:Munit:Id=m-a", "--Media:Janus:RtpPortRange=40000-44999",
            ], port: NamespacedServer.DefaultPort + 1);
            adminA.Attach(mediaA);
            await using var mediaB = await NamespacedServer.StartAsync(ns, "media",
            [
                .. cluster, "--Cluster:SiloPort=11113", "--Cluster:GatewayPort=30002", database, .. fleet,
                .. NamespacedServer.JanusArgs, .. adminB.Args, "--Media:Munit:Id=m-b", "--Media:Janus:RtpPortRange=45000-49999",
            ], port: NamespacedServer.DefaultPort + 2);
            adminB.Attach(mediaB);

            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            await using var browser = await NamespacedChromium.LaunchAsync(playwright, ns, edge.DataDir);
            var pages = new List<RoomPage>();
            async Task<RoomPage> OpenAsync(string name)
            {
                var page = new RoomPage(await NamespacedChromium.OpenPageAsync(browser, edge, fixture.Html, name), edge, name, await edge.CreateUserAsync(name), Guid.NewGuid().ToString());
                pages.Add(page);
                return page;
            }

            try
            {
                var alice = await OpenAsync("alice");
                var viewers = new[] { await OpenAsync("v1"), await OpenAsync("v2"), await OpenAsync("v3"), await OpenAsync("v4") };
                Func<Task<string>> context = async () =>
                    await BrowserContext.Of(edge, [.. pages])() + Tail("media m-a", mediaA) + Tail("media m-b", mediaB);
                var rid = Guid.NewGuid().ToString();

                // The munits report to the cluster every second; until the registry lists one, OFFER answers 500.
                Assert.Equal(200, (await alice.JoinAsync(rid, "m2m", create: true)).C);
                await Eventually.WaitAsync(() => alice.PublishAsync(codec: "VP8"), r => r.C == 200, "alice's OFFER answered by a munit", context);
                await Eventually.WaitAsync(alice.UplinkStateAsync, s => s == "connected", "alice's uplink", context);

                // The station went to one munit (the smaller id when both were listed): that is the origin.
                var onA = (await adminA.HandlesAsync()).Any(h => h.Type == "publisher" && h.Feed == alice.SessionId);
                var (origin, target) = onA ? (adminA, adminB) : (adminB, adminA);
                Assert.Single(await origin.HandlesAsync(), h => h.Type == "publisher" && h.Feed == alice.SessionId);
                Assert.DoesNotContain(await target.HandlesAsync(), h => h.Type == "publisher");

                // Two viewers fill the origin (their JOIN carries the downlink offers); the next two WATCH until the
                // registry has the other munit (it may join the fleet a moment later) and are served there.
                foreach (var viewer in viewers[..2])
                {
                    var joined = await viewer.JoinAsync(rid, "m2m", create: false);
                    Assert.True(joined is { C: 200, Answers: [200] }, $"{viewer.Name}'s JOIN answered {joined.C} {joined.Msg} {string.Join(",", joined.Answers ?? [])}\n{await context()}");
                }

                foreach (var viewer in viewers[2..])
                {
                    Assert.Equal(200, (await viewer.JoinAsync(rid, "m2m", create: false, ignoreOffers: true)).C);
                    await Eventually.WaitAsync(() => viewer.WatchAsync(alice), r => r is { C: 200, Answered: 200 }, $"{viewer.Name}'s WATCH", context);
                }

                foreach (var viewer in viewers)
                {
                    await M2mBrowserTests.DecodesAsync(viewer, alice, "VP8", context);
                }

                // Janus itself: two downlinks of alice on each munit; on the target exactly one remote publisher
                // (alice) — the one forward, set up once (one forward id in the edge's log) and present on the origin.
                Assert.Equal(2, (await origin.HandlesAsync()).Count(h => h.Type == "subscriber" && h.Feed == alice.SessionId));
                Assert.Equal(2, (await target.HandlesAsync()).Count(h => h.Type == "subscriber" && h.Feed == alice.SessionId));
                Assert.Equal([alice.SessionId], await ParticipantsAsync(target, rid));
                var forwardIds = Regex.Matches(edge.Output, $@"forward (\S+) of {Regex.Escape(alice.SessionId)} set up").Select(m => m.Groups[1].Value).Distinct().ToList();
                var forwardId = Assert.Single(forwardIds);
                Assert.True(await RemotizedAsync(origin, rid, alice.SessionId, forwardId), $"no remotization {forwardId} on the origin\n{await context()}");

                // The cascaded viewers leave: the forward goes with the last one; the origin's viewers go on.
                foreach (var viewer in viewers[2..])
                {
                    Assert.Equal(200, await viewer.LeaveAsync());
                }

                await Eventually.WaitAsync(() => ParticipantsAsync(target, rid), p => p.Count == 0, "the remote publisher removed from the target", context);
                await Eventually.WaitAsync(async () => (await target.HandlesAsync()).Count(h => h.Feed == alice.SessionId), n => n == 0, "the target's downlinks released", context);
                Assert.False(await RemotizedAsync(origin, rid, alice.SessionId, forwardId), $"remotization {forwardId} still on the origin\n{await context()}");
                Assert.Equal(2, (await origin.HandlesAsync()).Count(h => h.Type == "subscriber" && h.Feed == alice.SessionId));
                await M2mBrowserTests.DecodesAsync(viewers[0], alice, "VP8", context);
            }
            finally
            {
                foreach (var page in pages)
                {
                    await page.DisposeAsync();
                }
            }
        }
        finally
        {
            redis.Kill(true);
            await redis.WaitForExitAsync();
        }
    }

    private static string Tail(string name, NamespacedServer server) =>
        $"\n{name} output (last 150 lines):\n" + string.Join('\n', server.Output.Split('\n').TakeLast(150));

    /// <summary>The room's participants in a munit's VideoRoom (local and remote publishers); empty when the room is not there.</summary>
    private static async Task<List<string>> ParticipantsAsync(NamespacedJanusAdmin admin, string rid)
    {
        var answer = await admin.VideoRoomAsync(new JsonObject { ["request"] = "listparticipants", ["room"] = rid });
        return [.. answer["participants"]?.AsArray().Select(p => p!["id"]!.ToString()) ?? []];
    }

    /// <summary>
    /// Whether the origin's VideoRoom has the remotization <paramref name="forwardId"/> of the publisher. Janus 1.1.2
    /// has no <c>list_remotes</c>, so this asks for the same remote id again: 436 "already exists" means it is there;
    /// a success means it was not — that probe (towards a discard port on loopback) is undone at once.
    /// </summary>
    private static async Task<bool> RemotizedAsync(NamespacedJanusAdmin origin, string rid, string publisher, string forwardId)
    {
        var probe = await origin.VideoRoomAsync(new JsonObject
        {
            ["request"] = "publish_remotely", ["room"] = rid, ["publisher_id"] = publisher, ["remote_id"] = forwardId, ["host"] = "127.0.0.1", ["port"] = 9,
        });
        if (probe["error_code"]?.GetValue<int>() == 436)
        {
            return true;
        }

        Assert.True(probe["videoroom"]?.GetValue<string>() == "success", $"publish_remotely probe answered {probe.ToJsonString()}");
        await origin.VideoRoomAsync(new JsonObject { ["request"] = "unpublish_remotely", ["room"] = rid, ["publisher_id"] = publisher, ["remote_id"] = forwardId });
        return false;
    }
}
