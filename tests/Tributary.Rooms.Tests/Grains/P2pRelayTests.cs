using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Grains;

[Collection(RoomsCollection.Name)]
public sealed class P2pRelayTests(RoomsHost rooms)
{
    [Fact]
    public async Task Offer_answer_and_ice_are_relayed_to_the_peer_exactly_as_sent()
    {
        var caller = await rooms.CreateUserAsync();
        var callee = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(caller);
        await using var b = await rooms.ConnectAsync(callee);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);
        var joined = await b.JoinAsync(rid, RoomChannel.P2p);
        var callerSession = joined.PublisherSessions().Single(s => s != b.Session.SessionId);

        // The callee learns the caller from pps and offers to it.
        await b.SendSdpAsync(rid, "OFFER", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n", new SignalTarget(caller.Id, callerSession));
        var offer = await a.WaitForAsync(m => m.Signal == "OFFER");
        await a.SendSdpAsync(rid, "ANSWER", "v=0\r\nanswer\r\n");
        var answer = await b.WaitForAsync(m => m.Signal == "ANSWER");
        var candidate = "{\"candidate\":\"candidate:1 1 udp 2122260223 10.99.0.1 50000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
        await a.SendSdpAsync(rid, "ICE", candidate);
        var ice = await b.WaitForAsync(m => m.Signal == "ICE");

        Assert.False(offer.IsAck);
        Assert.Equal("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n", offer.Body.Str("sdp"));
        Assert.Equal(callee.Id, offer.Body.GetProperty("ss").Str("userId"));
        Assert.Equal("v=0\r\nanswer\r\n", answer.Body.Str("sdp"));
        Assert.Equal(candidate, ice.Body.Str("sdp"));
        // Forwarded byte for byte: the data object the sender wrote.
        Assert.StartsWith("{\"s\":\"ICE\",\"ch\":\"p2p\"", ice.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Inbox(), m => m.IsAck && m.Signal is "ANSWER" or "ICE");
    }

    [Fact]
    public async Task Offer_without_a_peer_answers_4003()
    {
        var caller = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(caller);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);

        await a.SendSdpAsync(rid, "OFFER", "v=0");
        var error = await a.WaitForAsync(m => m.Code == 4003);

        Assert.Equal("OFFER", error.Signal);
        Assert.Equal("v=0", error.Body.GetProperty("req").Str("sdp"));
    }

    [Fact]
    public async Task Answer_to_someone_not_in_the_call_answers_4003()
    {
        var caller = await rooms.CreateUserAsync();
        var callee = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(caller);
        await using var b = await rooms.ConnectAsync(callee);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);
        await b.JoinAsync(rid, RoomChannel.P2p);

        await a.SendSdpAsync(rid, "ANSWER", "v=0", new SignalTarget(Guid.NewGuid().ToString()));
        var error = await a.WaitForAsync(m => m.Code == 4003);

        Assert.Equal("ANSWER", error.Signal);
        Assert.DoesNotContain(b.Inbox(), m => m.Signal == "ANSWER");
    }

    [Fact]
    public async Task Relay_signals_without_sdp_answer_2001()
    {
        var caller = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(caller);
        var rid = RoomsHost.NewRoomId();
        await a.JoinAsync(rid, RoomChannel.P2p, create: true);

        await a.SendRawAsync($"{{\"action\":\"offer\",\"data\":{{\"s\":\"OFFER\",\"ch\":\"p2p\",\"ss\":{{\"userId\":\"{caller.Id}\",\"sessionId\":\"{a.Session.SessionId}\"}},\"rid\":\"{rid}\"}}}}");
        var error = await a.WaitForAsync(m => m.Code == 2001);

        Assert.Contains("sdp", error.ErrorMessage, StringComparison.Ordinal);
    }
}
