using System.Diagnostics.Metrics;
using Tributary.Client;
using Tributary.Fleet.Control;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Tests.Control;

namespace Tributary.Fleet.Tests.Cascading;

/// <summary>
/// Cascading through the real server and <c>/signal</c> with fake munits that record the calls they get: two
/// downlinks per munit, a publisher on m-a, the third and fourth viewers served on m-b through one forward that
/// ClusterMediaEngine sets up (m-a describes and sends, m-b opens) and tears down with its last viewer.
/// </summary>
public sealed class CascadeSignalingTests
{
    [Fact]
    public async Task Viewers_beyond_the_publishers_munit_are_served_through_one_forward_removed_after_its_last_viewer_leaves()
    {
        // Only this class makes forwards, and its tests run one after another: the counts are this test's.
        var cascades = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FleetMetrics.MeterName && instrument.Name == "tributary.fleet.cascades")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (cascades)
            {
                foreach (var tag in tags)
                {
                    cascades.AddRange(Enumerable.Repeat((string)tag.Value!, (int)value));
                }
            }
        });
        listener.Start();
        await using var fleet = await FleetHost.StartAsync(["--Fleet:MaxDownlinks=2"]);
        var a = await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b");
        var rid = Guid.NewGuid().ToString();
        await using var alice = await fleet.ConnectAsync("alice");
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal("v=0 answer-from-m-a", (await alice.OfferAsync(rid, FleetRecoveryTests.Offer)).Body.GetProperty("sdp").GetString());
        var publisher = new SignalTarget(alice.Session.UserId, alice.Session.SessionId);
        var viewers = new List<SignalClient>();
        var offers = new List<string?>();
        foreach (var name in new[] { "bob", "carol", "dave", "erin" })
        {
            var viewer = await fleet.ConnectAsync(name);
            viewers.Add(viewer);
            Assert.Equal(200, (await viewer.JoinAsync(rid, RoomChannel.M2m)).Code);
            var watched = await viewer.WatchAsync(rid, publisher);
            Assert.True(watched.Code == 200, $"WATCH of {name}: {watched.Code} {watched.ErrorMessage}");
            offers.Add(watched.Body.GetProperty("pps")[0].GetProperty("sdp").GetString());
        }

        try
        {
            var (bob, carol, dave, erin) = (viewers[0], viewers[1], viewers[2], viewers[3]);
            Assert.Equal(["v=0 offer-from-m-a", "v=0 offer-from-m-a", "v=0 offer-from-m-b", "v=0 offer-from-m-b"], offers);

            // One forward, set up once: m-a described the station and sends to the endpoint m-b opened.
            var forward = Assert.Single(await fleet.Fleet.ForwardsAsync());
            Assert.Equal((rid, alice.Session.SessionId, "m-a", "m-b", 2, true), (forward.RoomId, forward.PublisherSessionId, forward.OriginMunitId, forward.TargetMunitId, forward.Viewers, forward.Ready));
            Assert.Equal([$"DESCRIBE {rid} {alice.Session.SessionId}", $"START {rid} {alice.Session.SessionId} {forward.Id} host-of-m-b:5000"], a.Calls.Where(IsForwarding));
            Assert.Equal([$"OPEN {rid} {alice.Session.SessionId} {forward.Id}"], b.Calls.Where(IsForwarding));
            // (A JOIN after the OFFER already WATCHes for the viewer; its explicit WATCH stays where that one went.)
            Assert.Equal([bob.Session.SessionId, carol.Session.SessionId], Watchers(a));
            Assert.Equal([dave.Session.SessionId, erin.Session.SessionId], Watchers(b));

            // The cascaded viewers' ANSWER and ICE go to the munit serving their downlink; the others' to the origin.
            Assert.Equal(200, (await dave.AnswerAsync(rid, "v=0 answer", publisher)).Code);
            Assert.Equal(200, (await bob.AnswerAsync(rid, "v=0 answer", publisher)).Code);
            Assert.Contains($"ANSWER {rid} {dave.Session.SessionId}", b.Calls);
            Assert.Contains($"ANSWER {rid} {bob.Session.SessionId}", a.Calls);
            Assert.DoesNotContain($"ANSWER {rid} {dave.Session.SessionId}", a.Calls);

            // A repeated WATCH stays where it is: no second forward.
            Assert.Equal("v=0 offer-from-m-b", (await dave.WatchAsync(rid, publisher)).Body.GetProperty("pps")[0].GetProperty("sdp").GetString());
            Assert.Single(b.Calls, c => c.StartsWith("OPEN", StringComparison.Ordinal));

            // The forward outlives its first cascaded viewer and goes with the last one.
            Assert.Equal(200, (await dave.LeaveAsync(rid)).Code);
            Assert.Equal(1, Assert.Single(await fleet.Fleet.ForwardsAsync()).Viewers);
            Assert.DoesNotContain(a.Calls, c => c.StartsWith("STOP", StringComparison.Ordinal));
            Assert.Equal(200, (await erin.LeaveAsync(rid)).Code);

            Assert.Empty(await fleet.Fleet.ForwardsAsync());
            Assert.Contains($"STOP {rid} {alice.Session.SessionId} {forward.Id}", a.Calls);
            Assert.Contains($"CLOSEFORWARD {rid} {alice.Session.SessionId} {forward.Id}", b.Calls);
            Assert.Contains($"RELEASE {rid} {erin.Session.SessionId}", b.Calls);
            lock (cascades)
            {
                Assert.Equal(["created", "removed"], cascades);
            }
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task When_the_target_munit_dies_its_forward_is_forgotten_the_origin_stops_it_and_a_re_WATCH_creates_a_new_one()
    {
        await using var fleet = await FleetHost.StartAsync(["--Fleet:MaxDownlinks=1"]);
        var a = await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b");
        var c = await fleet.AddMunitAsync("m-c");
        await using var room = await PublishingRoom.StartAsync(fleet);
        var (rid, alice, bob, carol, publisher) = (room.Id, room.Alice, room.Bob, room.Carol, room.Publisher);
        Assert.Equal(200, (await bob.WatchAsync(rid, publisher)).Code);
        Assert.Equal(200, (await carol.WatchAsync(rid, publisher)).Code);
        var first = Assert.Single(await fleet.Fleet.ForwardsAsync());
        Assert.Equal("m-b", first.TargetMunitId);

        // m-a and m-c keep reporting; m-b falls silent for DeadAfter.
        fleet.Clock.Advance(TimeSpan.FromSeconds(5));
        await a.ReportAsync(fleet.Clock.GetUtcNow());
        await c.ReportAsync(fleet.Clock.GetUtcNow());
        await fleet.Controller.StepAsync();

        Assert.Equal(MunitState.Dead, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-b").State);
        Assert.Empty(await fleet.Fleet.ForwardsAsync());
        // The surviving origin stops sending toward the dead target (once); nothing is asked of the dead munit.
        Assert.Single(a.Calls, $"STOP {rid} {alice.Session.SessionId} {first.Id}");
        Assert.DoesNotContain(b.Calls, call => call.StartsWith("CLOSEFORWARD", StringComparison.Ordinal));
        await fleet.Controller.StepAsync();
        Assert.Single(a.Calls, $"STOP {rid} {alice.Session.SessionId} {first.Id}");
        var rewatched = await carol.WatchAsync(rid, publisher);
        Assert.Equal("v=0 offer-from-m-c", rewatched.Body.GetProperty("pps")[0].GetProperty("sdp").GetString());
        var second = Assert.Single(await fleet.Fleet.ForwardsAsync());
        Assert.Equal(("m-a", "m-c", true), (second.OriginMunitId, second.TargetMunitId, second.Ready));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Contains($"START {rid} {alice.Session.SessionId} {second.Id} host-of-m-c:5000", a.Calls);
    }

    [Fact]
    public async Task When_the_origin_munit_dies_the_surviving_target_removes_the_remote_publisher_of_its_forward()
    {
        await using var fleet = await FleetHost.StartAsync(["--Fleet:MaxDownlinks=1"]);
        var a = await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b");
        var c = await fleet.AddMunitAsync("m-c");
        var rid = Guid.NewGuid().ToString();
        await using var alice = await fleet.ConnectAsync("alice");
        await using var bob = await fleet.ConnectAsync("bob");
        await using var carol = await fleet.ConnectAsync("carol");
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await bob.JoinAsync(rid, RoomChannel.M2m)).Code);
        Assert.Equal(200, (await carol.JoinAsync(rid, RoomChannel.M2m)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, FleetRecoveryTests.Offer)).Code);
        var publisher = new SignalTarget(alice.Session.UserId, alice.Session.SessionId);
        Assert.Equal(200, (await bob.WatchAsync(rid, publisher)).Code);
        Assert.Equal(200, (await carol.WatchAsync(rid, publisher)).Code);
        var forward = Assert.Single(await fleet.Fleet.ForwardsAsync());
        Assert.Equal(("m-a", "m-b"), (forward.OriginMunitId, forward.TargetMunitId));

        // m-b and m-c keep reporting; the origin m-a falls silent for DeadAfter.
        fleet.Clock.Advance(TimeSpan.FromSeconds(5));
        await b.ReportAsync(fleet.Clock.GetUtcNow());
        await c.ReportAsync(fleet.Clock.GetUtcNow());
        await fleet.Controller.StepAsync();

        Assert.Equal(MunitState.Dead, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-a").State);
        Assert.Empty(await fleet.Fleet.ForwardsAsync());
        Assert.Single(b.Calls, $"CLOSEFORWARD {rid} {alice.Session.SessionId} {forward.Id}");
        Assert.DoesNotContain(a.Calls, call => call.StartsWith("STOP", StringComparison.Ordinal));
        Assert.DoesNotContain(c.Calls, call => call.StartsWith("CLOSEFORWARD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_every_munit_full_a_WATCH_answers_500_and_records_no_downlink()
    {
        await using var fleet = await FleetHost.StartAsync(["--Fleet:MaxDownlinks=1"]);
        var a = await fleet.AddMunitAsync("m-a");
        await using var room = await PublishingRoom.StartAsync(fleet);
        var (rid, alice, bob, carol, publisher) = (room.Id, room.Alice, room.Bob, room.Carol, room.Publisher);
        Assert.Equal(200, (await bob.WatchAsync(rid, publisher)).Code);

        var refused = await carol.WatchAsync(rid, publisher);

        Assert.Equal(500, refused.Code);
        Assert.Contains("no media unit has room for another downlink", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Calls, call => call.Contains(carol.Session.SessionId, StringComparison.Ordinal));
        Assert.Empty(await fleet.Fleet.ForwardsAsync());

        // Bob's downlink is released with him: carol's WATCH fits again.
        Assert.Equal(200, (await bob.LeaveAsync(rid)).Code);
        Assert.Equal(200, (await carol.WatchAsync(rid, publisher)).Code);
    }

    /// <summary>The viewers a munit was asked to WATCH for, in order, each once.</summary>
    private static string[] Watchers(FakeMunit munit) =>
        [.. munit.Calls.Where(c => c.StartsWith("WATCH ", StringComparison.Ordinal)).Select(c => c.Split(' ')[2]).Distinct()];

    private static bool IsForwarding(string call) =>
        call.StartsWith("DESCRIBE", StringComparison.Ordinal) || call.StartsWith("START", StringComparison.Ordinal)
        || call.StartsWith("OPEN", StringComparison.Ordinal) || call.StartsWith("STOP", StringComparison.Ordinal) || call.StartsWith("CLOSEFORWARD", StringComparison.Ordinal);

    /// <summary>alice, bob and carol in a new m2m room; alice publishes.</summary>
    private sealed record PublishingRoom(string Id, SignalClient Alice, SignalClient Bob, SignalClient Carol) : IAsyncDisposable
    {
        public SignalTarget Publisher => new(Alice.Session.UserId, Alice.Session.SessionId);

        public static async Task<PublishingRoom> StartAsync(FleetHost fleet)
        {
            var room = new PublishingRoom(Guid.NewGuid().ToString(), await fleet.ConnectAsync("alice"), await fleet.ConnectAsync("bob"), await fleet.ConnectAsync("carol"));
            Assert.Equal(200, (await room.Alice.JoinAsync(room.Id, RoomChannel.M2m, create: true)).Code);
            Assert.Equal(200, (await room.Bob.JoinAsync(room.Id, RoomChannel.M2m)).Code);
            Assert.Equal(200, (await room.Carol.JoinAsync(room.Id, RoomChannel.M2m)).Code);
            Assert.Equal(200, (await room.Alice.OfferAsync(room.Id, FleetRecoveryTests.Offer)).Code);
            return room;
        }

        public async ValueTask DisposeAsync()
        {
            await Alice.DisposeAsync();
            await Bob.DisposeAsync();
            await Carol.DisposeAsync();
        }
    }
}
