using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Grains;

/// <summary>m2m/a2m media signals with no media plane configured: a clear 500, never a fake SDP.</summary>
[Collection(RoomsCollection.Name)]
public sealed class MediaSignalTests(RoomsHost rooms)
{
    [Fact]
    public async Task Media_signals_answer_500_with_a_clear_message_when_no_media_plane_is_configured()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);
        var publisher = new SignalTarget(owner.Id, a.Session.SessionId);

        var offer = await a.OfferAsync(rid, "v=0");
        var watch = await b.WatchAsync(rid, publisher);
        var answer = await b.AnswerAsync(rid, "v=0", publisher);
        var simulcast = await b.SimulcastUpdateAsync(rid, publisher, "l");
        await b.SendSdpAsync(rid, "ICE", "candidate:1 1 udp 1 10.0.0.1 9 typ host", publisher);
        var ice = await b.WaitForAsync(m => m.Signal == "ICE" && m.IsAck);

        foreach (var ack in new[] { offer, watch, answer, simulcast, ice })
        {
            Assert.Equal(500, ack.Code);
            Assert.Contains("media plane not available", ack.ErrorMessage, StringComparison.Ordinal);
            Assert.False(ack.Body.TryGetProperty("sdp", out _));
        }

        // Nothing was published.
        var state = await b.HeartbeatAsync(rid);
        Assert.False(state.Body.Arr("pps")[0].GetProperty("publish").GetBoolean());
    }

    [Fact]
    public async Task Offer_from_a_viewer_answers_4051()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.A2m, create: true);
        await b.JoinAsync(rid, RoomChannel.A2m);

        Assert.Equal(4051, (await b.OfferAsync(rid, "v=0")).Code);
    }

    [Fact]
    public async Task Watch_answer_and_simulcast_for_a_publisher_who_left_answer_4024()
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        await using var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);
        await b.JoinAsync(rid, RoomChannel.M2m);
        var gone = new SignalTarget(Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        Assert.Equal(4024, (await b.WatchAsync(rid, gone)).Code);
        Assert.Equal(4024, (await b.AnswerAsync(rid, "v=0", gone)).Code);
        Assert.Equal(4024, (await b.SimulcastUpdateAsync(rid, gone, "h")).Code);
    }

    [Fact]
    public async Task Simulcast_update_with_an_unknown_layer_answers_2001()
    {
        var owner = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.M2m, create: true);

        var ack = await a.SimulcastUpdateAsync(rid, new SignalTarget(owner.Id, a.Session.SessionId), "ultra");

        Assert.Equal(2001, ack.Code);
        Assert.Contains("sl", ack.ErrorMessage, StringComparison.Ordinal);
    }
}
