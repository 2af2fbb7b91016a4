using System.Text.Json.Nodes;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

public sealed class JanusSessionTests(JanusFixture janus) : IClassFixture<JanusFixture>
{
    private const string VideoRoom = "janus.plugin.videoroom";

    [Fact]
    public async Task Rooms_are_created_listed_and_destroyed_through_synchronous_plugin_messages()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var handle = await session.AttachAsync(VideoRoom);
        var room = NewRoomId();

        var created = await session.MessageAsync(handle, new JsonObject { ["request"] = "create", ["room"] = room, ["publishers"] = 16, ["bitrate"] = 1_500_000, ["videocodec"] = "vp8" });
        var listed = await session.MessageAsync(handle, new JsonObject { ["request"] = "list" });
        var destroyed = await session.MessageAsync(handle, new JsonObject { ["request"] = "destroy", ["room"] = room });
        var exists = await session.MessageAsync(handle, new JsonObject { ["request"] = "exists", ["room"] = room });

        Assert.Equal("created", created.Data["videoroom"]!.GetValue<string>());
        var entry = Assert.Single(listed.Data["list"]!.AsArray(), r => r!["room"]!.GetValue<string>() == room)!;
        Assert.Equal(1_500_000, entry["bitrate"]!.GetValue<int>());
        Assert.Equal("vp8", entry["videocodec"]!.GetValue<string>());
        Assert.Equal("destroyed", destroyed.Data["videoroom"]!.GetValue<string>());
        Assert.False(exists.Data["exists"]!.GetValue<bool>());
        Assert.Null(created.Jsep);
    }

    [Fact]
    public async Task Creating_a_room_twice_throws_the_VideoRoom_code_and_keeps_the_first()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var handle = await session.AttachAsync(VideoRoom);
        var room = NewRoomId();
        await session.MessageAsync(handle, new JsonObject { ["request"] = "create", ["room"] = room, ["description"] = "first" });

        var error = await Assert.ThrowsAsync<JanusException>(() => session.MessageAsync(handle, new JsonObject { ["request"] = "create", ["room"] = room, ["description"] = "second" }));

        Assert.Equal(JanusErrorCodes.RoomExists, error.Code);
        Assert.True(error.FromPlugin);
        var listed = await session.MessageAsync(handle, new JsonObject { ["request"] = "list" });
        var entry = Assert.Single(listed.Data["list"]!.AsArray(), r => r!["room"]!.GetValue<string>() == room)!;
        Assert.Equal("first", entry["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_asynchronous_join_is_answered_through_the_long_poll_with_the_same_transaction()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var admin = await session.AttachAsync(VideoRoom);
        var publisher = await session.AttachAsync(VideoRoom);
        var room = NewRoomId();
        await session.MessageAsync(admin, new JsonObject { ["request"] = "create", ["room"] = room });

        var joined = await session.MessageAsync(publisher, new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room, ["id"] = "station-1", ["display"] = "A" });
        var participants = await session.MessageAsync(admin, new JsonObject { ["request"] = "listparticipants", ["room"] = room });

        Assert.Equal("joined", joined.Data["videoroom"]!.GetValue<string>());
        Assert.Equal("station-1", joined.Data["id"]!.GetValue<string>());
        Assert.Equal("station-1", Assert.Single(participants.Data["participants"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_asynchronous_join_of_a_missing_room_throws_426()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var publisher = await session.AttachAsync(VideoRoom);

        var error = await Assert.ThrowsAsync<JanusException>(() => session.MessageAsync(publisher, new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = NewRoomId() }));

        Assert.Equal(JanusErrorCodes.NoSuchRoom, error.Code);
        Assert.True(error.FromPlugin);
    }

    [Fact]
    public async Task A_message_with_a_malformed_offer_is_refused_by_Janus_with_a_jsep_error()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var admin = await session.AttachAsync(VideoRoom);
        var publisher = await session.AttachAsync(VideoRoom);
        var room = NewRoomId();
        await session.MessageAsync(admin, new JsonObject { ["request"] = "create", ["room"] = room });
        await session.MessageAsync(publisher, new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room });

        var error = await Assert.ThrowsAsync<JanusException>(() => session.MessageAsync(
            publisher,
            new JsonObject { ["request"] = "configure", ["audio"] = true, ["video"] = true },
            new JsonObject { ["type"] = "offer", ["sdp"] = "this is not an SDP" }));

        Assert.Equal(JanusErrorCodes.InvalidJsep, error.Code);
        Assert.False(error.FromPlugin);
    }

    [Fact]
    public async Task Trickle_before_an_offer_is_accepted_and_end_of_candidates_too()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var handle = await session.AttachAsync(VideoRoom);

        await session.TrickleAsync(handle, new JsonObject { ["candidate"] = "candidate:1 1 udp 2122260223 10.99.0.2 50000 typ host", ["sdpMid"] = "0", ["sdpMLineIndex"] = 0 });
        await session.TrickleAsync(handle, null);

        var handles = await janus.Unit.AdminAsync("list_handles", session.Id);
        Assert.Contains(handle, handles["handles"]!.AsArray().Select(h => h!.GetValue<long>()));
    }

    [Fact]
    public async Task Detach_and_destroy_free_the_handle_and_the_session_in_Janus()
    {
        var session = await janus.Unit.CreateSessionAsync();
        var kept = await session.AttachAsync(VideoRoom);
        var detached = await session.AttachAsync(VideoRoom);

        await session.DetachAsync(detached);
        var handles = (await janus.Unit.AdminAsync("list_handles", session.Id))["handles"]!.AsArray().Select(h => h!.GetValue<long>()).ToList();
        await session.DestroyAsync();
        var sessions = (await janus.Unit.AdminAsync("list_sessions"))["sessions"]!.AsArray().Select(s => s!.GetValue<long>()).ToList();
        var afterDestroy = await Assert.ThrowsAsync<JanusException>(() => session.AttachAsync(VideoRoom));

        Assert.Equal([kept], handles);
        Assert.DoesNotContain(session.Id, sessions);
        Assert.False(session.IsOpen);
        Assert.Equal(JanusErrorCodes.SessionClosed, afterDestroy.Code);
        Assert.Equal(JanusErrorCodes.SessionClosed, (await session.Closed).Code);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task Detaching_an_unknown_handle_throws_459_and_leaves_the_session_open()
    {
        await using var session = await janus.Unit.CreateSessionAsync();

        var error = await Assert.ThrowsAsync<JanusException>(() => session.DetachAsync(123456789));

        Assert.Equal(JanusErrorCodes.HandleNotFound, error.Code);
        Assert.True(session.IsOpen);
        Assert.True(await session.AttachAsync(VideoRoom) > 0);
    }

    [Fact]
    public async Task Hanging_up_a_publisher_delivers_asynchronous_events_without_a_transaction()
    {
        await using var session = await janus.Unit.CreateSessionAsync();
        var admin = await session.AttachAsync(VideoRoom);
        var room = NewRoomId();
        await session.MessageAsync(admin, new JsonObject { ["request"] = "create", ["room"] = room });
        var publisher = await session.AttachAsync(VideoRoom);
        var viewer = await session.AttachAsync(VideoRoom);
        await session.MessageAsync(viewer, new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room, ["id"] = "watcher" });
        await session.MessageAsync(publisher, new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room, ["id"] = "leaver" });

        // The other participant hears about the leave as a plugin event nobody asked for.
        await session.MessageAsync(publisher, new JsonObject { ["request"] = "leave" });

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JanusEvent left;
        do
        {
            left = await session.Events.ReadAsync(guard.Token);
        }
        while (left.HandleId != viewer || left.PluginData?["leaving"] is null);

        Assert.Equal("event", left.Kind);
        Assert.Equal("leaver", left.PluginData!["leaving"]!.GetValue<string>());
    }

    private static string NewRoomId() => $"room-{Guid.NewGuid():N}";
}
