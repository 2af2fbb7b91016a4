using Tributary.Client;
using Tributary.Media.Tests.Janus;
using Tributary.Media.Tests.Munits;

namespace Tributary.Media.Tests.Signaling;

/// <summary>One media host with a real Janus for the class; each test uses its own room.</summary>
public sealed class StationReleaseFixture : IAsyncLifetime
{
    public MediaHost Media { get; private set; } = null!;

    public async Task InitializeAsync() => Media = await MediaHost.StartAsync("44500-44999");

    public async Task DisposeAsync() => await Media.DisposeAsync();
}

/// <summary>
/// LEAVE, KICK and heartbeat expiry hang up a publisher's station in Janus itself — checked through Janus's admin
/// API (handle_info of every handle), not through our own bookkeeping. Stations come from hand-written offers over
/// /signal; no media flows, so downlinks (which Janus only creates for a publisher whose media is up) are not covered here.
/// </summary>
public sealed class StationReleaseTests(StationReleaseFixture fixture) : IClassFixture<StationReleaseFixture>
{
    private MediaHost Media => fixture.Media;

    [Fact]
    public async Task Leave_detaches_the_leavers_station_in_Janus_and_keeps_the_others()
    {
        var (rid, alice, bob) = await TwoPublishersAsync();
        await using var _ = alice;
        await using var __ = bob;
        var before = await Media.StationHandlesInJanusAsync();

        Assert.Equal(200, (await bob.LeaveAsync(rid)).Code);

        var stations = await Eventually.UntilAsync(Media.StationsInJanusAsync, s => !s.Contains(bob.Session.SessionId), "bob's station gone from Janus");
        Assert.Contains(alice.Session.SessionId, stations);
        // Exactly bob's handle went (other tests' rooms may lose sessions to the same clock, so only these two are compared).
        var handles = (await Media.HandlesInJanusAsync()).Select(h => h.Handle).ToList();
        Assert.DoesNotContain(before[bob.Session.SessionId], handles);
        Assert.Contains(before[alice.Session.SessionId], handles);
    }

    [Fact]
    public async Task Kick_detaches_the_kicked_sessions_station_in_Janus()
    {
        var (rid, alice, bob) = await TwoPublishersAsync();
        await using var _ = alice;
        await using var __ = bob;
        var before = await Media.StationHandlesInJanusAsync();

        Assert.Equal(200, (await alice.KickAsync(rid, new SignalTarget(bob.Session.UserId, bob.Session.SessionId))).Code);

        var stations = await Eventually.UntilAsync(Media.StationsInJanusAsync, s => !s.Contains(bob.Session.SessionId), "the kicked station gone from Janus");
        Assert.Contains(alice.Session.SessionId, stations);
        // Exactly bob's handle went (other tests' rooms may lose sessions to the same clock, so only these two are compared).
        var handles = (await Media.HandlesInJanusAsync()).Select(h => h.Handle).ToList();
        Assert.DoesNotContain(before[bob.Session.SessionId], handles);
        Assert.Contains(before[alice.Session.SessionId], handles);
    }

    [Fact]
    public async Task Heartbeat_expiry_detaches_the_silent_sessions_station_in_Janus()
    {
        var (rid, alice, bob) = await TwoPublishersAsync();
        await using var _ = alice;
        await using var __ = bob;
        var before = await Media.StationHandlesInJanusAsync();

        // Alice heartbeats every 3 s of room time; bob stays silent past the 10 s presence timeout.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(200, (await alice.HeartbeatAsync(rid)).Code);
            Media.Clock.Advance(TimeSpan.FromSeconds(3));
        }

        Assert.Equal(200, (await alice.HeartbeatAsync(rid)).Code);
        var stations = await Eventually.UntilAsync(Media.StationsInJanusAsync, s => !s.Contains(bob.Session.SessionId), "the expired station gone from Janus");
        Assert.Contains(alice.Session.SessionId, stations);
        // Exactly bob's handle went (other tests' rooms may lose sessions to the same clock, so only these two are compared).
        var handles = (await Media.HandlesInJanusAsync()).Select(h => h.Handle).ToList();
        Assert.DoesNotContain(before[bob.Session.SessionId], handles);
        Assert.Contains(before[alice.Session.SessionId], handles);
    }

    /// <summary>An m2m room where alice (owner) and bob (accepted after raising a hand) both have a station in Janus.</summary>
    private async Task<(string Rid, SignalClient Alice, SignalClient Bob)> TwoPublishersAsync()
    {
        var rid = Guid.NewGuid().ToString();
        var alice = await Media.ConnectAsync("alice");
        var bob = await Media.ConnectAsync("bob");
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, Sdp.Offer())).Code);
        Assert.Equal(200, (await bob.JoinAsync(rid, RoomChannel.M2m)).Code);
        Assert.Equal(200, (await bob.PublishRequestAsync(rid)).Code);
        Assert.Equal(200, (await alice.PublishAcceptAsync(rid, new SignalTarget(bob.Session.UserId, bob.Session.SessionId))).Code);
        var offered = await bob.OfferAsync(rid, Sdp.Offer());
        Assert.True(offered.Code == 200, $"bob's OFFER: {offered.Code} {offered.ErrorMessage}");
        var stations = await Media.StationsInJanusAsync();
        Assert.Contains(alice.Session.SessionId, stations);
        Assert.Contains(bob.Session.SessionId, stations);
        return (rid, alice, bob);
    }
}
