using System.Net;
using System.Net.WebSockets;
using System.Text;
using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Gateway;

/// <summary>Every bad message gets its documented error, changes nothing, and leaves the server and other sessions working.</summary>
[Collection(RoomsCollection.Name)]
public sealed class BadInputTests(RoomsHost rooms)
{
    private async Task<(SignalClient Owner, SignalClient Viewer, string Rid, TestUser OwnerUser)> RoomAsync(RoomChannel channel = RoomChannel.M2m)
    {
        var owner = await rooms.CreateUserAsync();
        var viewer = await rooms.CreateUserAsync();
        var a = await rooms.ConnectAsync(owner);
        var b = await rooms.ConnectAsync(viewer);
        var rid = RoomsHost.NewRoomId();
        Assert.Equal(200, (await a.JoinAsync(rid, channel, create: true)).Code);
        Assert.Equal(200, (await b.JoinAsync(rid, channel)).Code);
        return (a, b, rid, owner);
    }

    private static string Ss(SignalClient c, string? userId = null) => $"{{\"userId\":\"{userId ?? c.Session.UserId}\",\"sessionId\":\"{c.Session.SessionId}\"}}";

    /// <summary>The room is as before and both sessions still work.</summary>
    private async Task AssertUnchangedAsync(SignalClient owner, SignalClient viewer, string rid)
    {
        var state = await viewer.HeartbeatAsync(rid);
        Assert.Equal(200, state.Code);
        Assert.Equal([owner.Session.SessionId], state.PublisherSessions());
        Assert.Equal(200, (await owner.HeartbeatAsync(rid)).Code);
        Assert.Equal(2, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"action\":\"join\",\"data\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"action\":\"join\",\"data\":{}} trailing")]
    public async Task Non_json_answers_2001_and_the_socket_stays_usable(string text)
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        await b.SendRawAsync(text);
        var error = await b.WaitForAsync(m => m.Code == 2001);

        Assert.NotNull(error.ErrorMessage);
        Assert.Equal(System.Text.Json.JsonValueKind.String, error.Body.GetProperty("req").ValueKind);
        await AssertUnchangedAsync(a, b, rid);
    }

    [Fact]
    public async Task Unknown_action_answers_2001_with_the_request_echoed()
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        await b.SendRawAsync($"{{\"action\":\"dance\",\"data\":{{\"s\":\"DANCE\",\"ch\":\"m2m\",\"ss\":{Ss(b)},\"rid\":\"{rid}\"}}}}");
        var error = await b.WaitForAsync(m => m.Code == 2001);

        Assert.Equal("UNKNOWN", error.Signal);
        Assert.Equal("DANCE", error.Body.GetProperty("req").Str("s"));
        Assert.Contains("dance", error.ErrorMessage, StringComparison.Ordinal);
        await AssertUnchangedAsync(a, b, rid);
    }

    [Theory]
    [InlineData("{\"s\":\"UPDATE\",\"ch\":\"m2m\",\"ss\":SS,\"rid\":\"RID\"}", "ve")]
    [InlineData("{\"s\":\"UPDATE\",\"ch\":\"m2m\",\"rid\":\"RID\",\"ve\":true,\"ae\":true}", "ss")]
    [InlineData("{\"s\":\"UPDATE\",\"ch\":\"m2m\",\"ss\":SS,\"ve\":true,\"ae\":true}", "rid")]
    [InlineData("{\"s\":\"UPDATE\",\"ss\":SS,\"rid\":\"RID\",\"ve\":true,\"ae\":true}", "ch")]
    [InlineData("{\"s\":\"UPDATE\",\"ch\":\"x2y\",\"ss\":SS,\"rid\":\"RID\",\"ve\":true,\"ae\":true}", "ch")]
    [InlineData("{\"ch\":\"m2m\",\"ss\":SS,\"rid\":\"RID\",\"ve\":true,\"ae\":true}", "s")]
    [InlineData("{\"s\":\"UPDATE\",\"ch\":\"m2m\",\"ss\":SS,\"rid\":\"RID\",\"ve\":\"yes\",\"ae\":true}", "ve")]
    public async Task Missing_or_malformed_fields_answer_2001_and_change_nothing(string data, string field)
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        await a.SendRawAsync("{\"action\":\"updateVideo\",\"data\":" + data.Replace("SS", Ss(a), StringComparison.Ordinal).Replace("RID", rid, StringComparison.Ordinal) + "}");
        var error = await a.WaitForAsync(m => m.Code == 2001);

        Assert.Equal("UPDATE", error.Signal);
        Assert.Contains(field, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, error.Body.GetProperty("req").ValueKind);
        await AssertUnchangedAsync(a, b, rid);
        var list = (await a.HeartbeatAsync(rid)).Body.Arr("pps")[0];
        Assert.True(list.GetProperty("video").GetBoolean());
    }

    [Theory]
    [InlineData(RoomChannel.P2p, "publishRequest", "PUBLISH_REQUEST", "")]
    [InlineData(RoomChannel.P2p, "kick", "KICK", ",\"to\":\"someone\"")]
    [InlineData(RoomChannel.P2m, "offer", "OFFER", ",\"sdp\":\"v=0\"")]
    [InlineData(RoomChannel.P2m, "watch", "WATCH", ",\"to\":{\"userId\":\"u\",\"sessionId\":\"s\"}")]
    [InlineData(RoomChannel.A2m, "simulcastUpdate", "SIMULCAST_UPDATE", ",\"to\":{\"userId\":\"u\",\"sessionId\":\"s\"},\"sl\":\"h\"")]
    public async Task A_signal_not_allowed_in_the_room_type_answers_2002(RoomChannel channel, string action, string signal, string extra)
    {
        var (a, b, rid, _) = await RoomAsync(channel);
        await using var _a = a;
        await using var _b = b;
        var ch = channel.ToString().ToLowerInvariant();

        await b.SendRawAsync($"{{\"action\":\"{action}\",\"data\":{{\"s\":\"{signal}\",\"ch\":\"{ch}\",\"ss\":{Ss(b)},\"rid\":\"{rid}\"{extra}}}}}");
        var error = await b.WaitForAsync(m => m.Code == 2002);

        Assert.Equal(signal, error.Signal);
        Assert.Equal(2, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
        Assert.Equal(200, (await b.HeartbeatAsync(rid)).Code);
    }

    [Fact]
    public async Task A_signal_with_a_ch_other_than_the_rooms_answers_2002()
    {
        var (a, b, rid, _) = await RoomAsync(RoomChannel.M2m);
        await using var _a = a;
        await using var _b = b;

        var ack = await a.UpdateAsync(rid, false, false, RoomChannel.A2m);

        Assert.Equal(2002, ack.Code);
        await AssertUnchangedAsync(a, b, rid);
    }

    [Fact]
    public async Task Signals_before_join_answer_4051_for_an_existing_room_and_4001_for_a_missing_one()
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;
        var stranger = await rooms.CreateUserAsync();
        await using var c = await rooms.ConnectAsync(stranger);

        var leave = await c.LeaveAsync(rid, RoomChannel.M2m);
        var kick = await c.KickAsync(rid, new SignalTarget(a.Session.UserId), RoomChannel.M2m);
        var missing = await c.PublishRequestAsync(RoomsHost.NewRoomId(), channel: RoomChannel.M2m);

        Assert.Equal(4051, leave.Code);
        Assert.Equal(4051, kick.Code);
        Assert.Equal(4001, missing.Code);
        await AssertUnchangedAsync(a, b, rid);
    }

    [Fact]
    public async Task A_forged_userId_answers_4051_and_changes_nothing()
    {
        var (a, b, rid, owner) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        // b claims to be the owner (the owner's user id with b's token), and tries to LEAVE the owner's session.
        await b.SendRawAsync($"{{\"action\":\"leave\",\"data\":{{\"s\":\"LEAVE\",\"ch\":\"m2m\",\"ss\":{{\"userId\":\"{owner.Id}\",\"sessionId\":\"{a.Session.SessionId}\"}},\"rid\":\"{rid}\"}}}}");
        var error = await b.WaitForAsync(m => m.Code == 4051);
        // And userFaking does not help a session that belongs to someone else.
        await b.SendRawAsync($"{{\"action\":\"leave\",\"data\":{{\"s\":\"LEAVE\",\"ch\":\"m2m\",\"ss\":{{\"userId\":\"{b.Session.UserId}\",\"sessionId\":\"{a.Session.SessionId}\"}},\"rid\":\"{rid}\"}}}}");
        var hijack = await b.WaitForAsync(m => m.Code == 4051);

        Assert.Equal("LEAVE", error.Signal);
        Assert.Contains("token", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("LEAVE", hijack.Signal);
        await AssertUnchangedAsync(a, b, rid);
    }

    [Fact]
    public async Task UserFaking_lifts_the_userId_check_in_Development()
    {
        var owner = await rooms.CreateUserAsync();
        var puppet = await rooms.CreateUserAsync();
        await using var a = await rooms.ConnectAsync(owner);
        var rid = RoomsHost.NewRoomId();
        var session = Guid.NewGuid().ToString();

        await a.SendRawAsync($"{{\"action\":\"join\",\"data\":{{\"s\":\"JOIN\",\"ch\":\"m2m\",\"ss\":{{\"userId\":\"{puppet.Id}\",\"sessionId\":\"{session}\"}},\"rid\":\"{rid}\",\"ve\":true,\"ae\":true,\"op\":{{\"roomCreating\":true,\"userFaking\":true}}}}}}");
        var ack = await a.WaitForAsync(m => m.Signal == "JOIN");

        Assert.Equal(200, ack.Code);
        Assert.Equal(puppet.Id, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.OwnerUserId);
    }

    [Fact]
    public async Task A_frame_over_32_KiB_closes_the_socket_with_1009_and_other_sessions_are_unaffected()
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        var big = Encoding.UTF8.GetBytes("{\"action\":\"heartbeat\",\"data\":{\"pad\":\"" + new string('x', 40 * 1024) + "\"}}");
        await b.SendFrameAsync(big, endOfMessage: true);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await b.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(200, (await a.HeartbeatAsync(rid)).Code);
        Assert.Equal(2, (await rooms.Host.GetRequiredService<IRoomDirectory>().GetAsync(rid))!.MemberCount);
    }

    [Fact]
    public async Task A_message_over_128_KiB_in_small_frames_closes_the_socket_with_1009()
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        var frame = Encoding.UTF8.GetBytes(new string(' ', 16 * 1024));
        for (var i = 0; i < 9 && b.IsConnected; i++)
        {
            try
            {
                await b.SendFrameAsync(frame, endOfMessage: false);
            }
            catch (WebSocketException)
            {
                break;
            }
        }

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await b.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(200, (await a.HeartbeatAsync(rid)).Code);
    }

    [Fact]
    public async Task A_message_of_100_KiB_in_frames_of_16_KiB_is_accepted()
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;
        var text = $"{{\"action\":\"heartbeat\",\"data\":{{\"s\":\"HEARTBEAT\",\"ch\":\"m2m\",\"ss\":{Ss(b)},\"rid\":\"{rid}\",\"bid\":1,\"send_ack\":true,\"pad\":\"{new string('x', 100 * 1024)}\"}}}}";
        var bytes = Encoding.UTF8.GetBytes(text);

        for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
        {
            var count = Math.Min(16 * 1024, bytes.Length - offset);
            await b.SendFrameAsync(bytes.AsMemory(offset, count), endOfMessage: offset + count == bytes.Length);
        }

        var ack = await b.WaitForAsync(m => m.Signal == "HEARTBEAT");
        Assert.Equal(200, ack.Code);
    }

    [Fact]
    public async Task Binary_messages_answer_2001()
    {
        var (a, b, rid, _) = await RoomAsync();
        await using var _a = a;
        await using var _b = b;

        await b.SendFrameAsync(new byte[] { 1, 2, 3 }, endOfMessage: true, WebSocketMessageType.Binary);
        var error = await b.WaitForAsync(m => m.Code == 2001);

        Assert.NotNull(error.ErrorMessage);
        await AssertUnchangedAsync(a, b, rid);
    }

    [Fact]
    public async Task Upgrade_without_a_valid_token_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        var uri = new Uri(rooms.Host.WebSocketUri, "signal?token=not-a-jwt");

        var e = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));

        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        using var plain = await rooms.Host.Http.GetAsync("/signal");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }

    [Fact]
    public async Task Authorization_bearer_header_is_accepted()
    {
        var user = await rooms.CreateUserAsync();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + user.Token);

        await socket.ConnectAsync(new Uri(rooms.Host.WebSocketUri, "signal"), CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
