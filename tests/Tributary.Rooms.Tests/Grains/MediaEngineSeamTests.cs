using Microsoft.Extensions.DependencyInjection;
using Tributary.Client;
using Tributary.Media.Engine;
using Tributary.Rooms.Tests.Infrastructure;
using Tributary.Testing;

namespace Tributary.Rooms.Tests.Grains;

/// <summary>What the room asks of <see cref="IMediaEngine"/> for m2m/a2m signals, and how it relays the answers.</summary>
public sealed class MediaEngineSeamTests : IAsyncLifetime
{
    private readonly ScriptedMediaEngine _engine = new();
    private TributaryTestHost? _host;

    private TributaryTestHost Host => _host!;

    public async Task InitializeAsync() =>
        _host = await TributaryTestHost.StartAsync(configure: b => b.Services.AddSingleton<IMediaEngine>(_engine));

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Offer_is_answered_with_the_engines_sdp_and_publishes_and_later_joiners_get_downlink_offers()
    {
        var owner = await RoomsHost.CreateUserAsync(Host);
        var viewer = await RoomsHost.CreateUserAsync(Host);
        await using var a = await RoomsHost.ConnectAsync(Host, owner);
        await using var b = await RoomsHost.ConnectAsync(Host, viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.A2m, create: true);

        var offer = await a.OfferAsync(rid, "v=0 offer", hlsForwarding: true);
        var join = await b.JoinAsync(rid, RoomChannel.A2m);
        var publisher = new SignalTarget(owner.Id, a.Session.SessionId);
        var answer = await b.AnswerAsync(rid, "v=0 answer", publisher);
        await b.SendSdpAsync(rid, "ICE", "candidate:1", publisher);
        await b.HeartbeatAsync(rid);
        await a.SendSdpAsync(rid, "ICE", "candidate:2");
        await a.HeartbeatAsync(rid); // one socket's signals apply in order: the trickle is done
        var watch = await b.WatchAsync(rid, publisher);
        await b.LeaveAsync(rid);

        Assert.Equal(200, offer.Code);
        Assert.Equal("answer-for-" + a.Session.SessionId, offer.Body.Str("sdp"));
        var sdp = Assert.Single(join.Body.GetProperty("es").Arr("sdps"));
        Assert.Equal(a.Session.SessionId, sdp.Str("id"));
        Assert.Equal($"offer-{a.Session.SessionId}-to-{b.Session.SessionId}", sdp.Str("sdp"));
        Assert.True(join.Body.Arr("pps")[0].GetProperty("publish").GetBoolean());
        Assert.Equal(200, answer.Code);
        Assert.Equal(200, watch.Code);
        Assert.Equal($"offer-{a.Session.SessionId}-to-{b.Session.SessionId}", watch.Body.Arr("pps")[0].Str("sdp"));
        Assert.Equal(
            [
                $"publish {rid} {a.Session.SessionId} audioOnly=True restarting=False hls=True",
                $"watch {b.Session.SessionId} {a.Session.SessionId}",
                $"answer {b.Session.SessionId} {a.Session.SessionId} v=0 answer",
                $"trickle {b.Session.SessionId} {a.Session.SessionId}",
                $"trickle {a.Session.SessionId} uplink",
                $"watch {b.Session.SessionId} {a.Session.SessionId}",
                $"release {b.Session.SessionId}",
            ],
            _engine.Calls.Where(c => c.Contains(a.Session.SessionId, StringComparison.Ordinal) || c.Contains(b.Session.SessionId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_offer_answers_the_engines_code_and_publishes_nothing()
    {
        var owner = await RoomsHost.CreateUserAsync(Host);
        await using var a = await RoomsHost.ConnectAsync(Host, owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        var offer = await a.OfferAsync(rid, "bad");

        Assert.Equal(500, offer.Code);
        Assert.Equal("janus refused the offer", offer.ErrorMessage);
        Assert.False((await a.HeartbeatAsync(rid)).Body.Arr("pps")[0].GetProperty("publish").GetBoolean());
    }

    [Fact]
    public async Task Simulcast_update_sets_the_layer_and_the_room_closes_its_media_when_it_ends()
    {
        var owner = await RoomsHost.CreateUserAsync(Host);
        var viewer = await RoomsHost.CreateUserAsync(Host);
        await using var a = await RoomsHost.ConnectAsync(Host, owner);
        await using var b = await RoomsHost.ConnectAsync(Host, viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);

        var layer = await b.SimulcastUpdateAsync(rid, new SignalTarget(owner.Id, a.Session.SessionId), "auto");
        await b.LeaveAsync(rid);
        await a.LeaveAsync(rid);

        Assert.Equal(200, layer.Code);
        Assert.Equal("auto", layer.Body.Str("sl"));
        Assert.Contains($"layer {b.Session.SessionId} {a.Session.SessionId} auto", _engine.Calls);
        Assert.Contains($"close {rid}", _engine.Calls);
    }
}
