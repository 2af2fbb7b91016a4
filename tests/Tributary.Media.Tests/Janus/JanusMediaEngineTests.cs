using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tributary.Media.Engine;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

public sealed class JanusMediaEngineTests(JanusFixture janus) : IClassFixture<JanusFixture>, IAsyncLifetime
{
    private JanusMediaEngine _engine = null!;
    private JanusSession _observer = null!;
    private long _observerHandle;

    public async Task InitializeAsync()
    {
        _engine = new JanusMediaEngine(janus.Unit, Options.Create(JanusTestUnits.Options()), NullLogger<JanusMediaEngine>.Instance);
        _observer = await janus.Unit.CreateSessionAsync();
        _observerHandle = await _observer.AttachAsync("janus.plugin.videoroom");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _observer.DisposeAsync();
    }

    [Fact]
    public async Task An_m2m_offer_creates_the_room_and_one_station_and_answers_with_candidates_inside()
    {
        var room = NewRoom();

        var outcome = await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: false, hlsForwarding: false);

        Assert.Equal(200, outcome.Code);
        Assert.Contains("m=audio", outcome.Sdp, StringComparison.Ordinal);
        Assert.Contains("m=video", outcome.Sdp, StringComparison.Ordinal);
        Assert.Contains("a=candidate", outcome.Sdp, StringComparison.Ordinal);
        Assert.Equal(["alice"], await PublishersAsync(room));
        var listed = await _observer.MessageAsync(_observerHandle, new JsonObject { ["request"] = "list" });
        var entry = Assert.Single(listed.Data["list"]!.AsArray(), r => r!["room"]!.GetValue<string>() == room.RoomId)!;
        Assert.Equal(1_500_000, entry["bitrate"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_repeated_offer_renegotiates_the_same_station_instead_of_adding_one()
    {
        var room = NewRoom();
        await _engine.PublishAsync(room, "alice", Sdp.Offer(), false, false);
        var handlesBefore = await EngineHandlesAsync();

        var again = await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: true, hlsForwarding: false);

        Assert.Equal(200, again.Code);
        Assert.Equal(["alice"], await PublishersAsync(room));
        Assert.Equal(handlesBefore, await EngineHandlesAsync());
    }

    [Fact]
    public async Task An_a2m_offer_with_video_answers_2001_and_creates_nothing()
    {
        var room = NewRoom(audioOnly: true);

        var refused = await _engine.PublishAsync(room, "alice", Sdp.Offer(audioOnly: false), false, false);
        var accepted = await _engine.PublishAsync(NewRoom(audioOnly: true), "bob", Sdp.Offer(audioOnly: true), false, false);

        Assert.Equal(2001, refused.Code);
        Assert.Contains("audio only", refused.Message, StringComparison.Ordinal);
        Assert.Null(refused.Sdp);
        Assert.False(await RoomExistsAsync(room));
        Assert.Equal(200, accepted.Code);
        Assert.DoesNotContain("m=video", accepted.Sdp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watching_or_answering_someone_who_publishes_nothing_answers_4024()
    {
        var room = NewRoom();
        await _engine.PublishAsync(room, "alice", Sdp.Offer(), false, false);
        var handlesBefore = await EngineHandlesAsync();

        var watch = await _engine.WatchAsync(room, "bob", "carol");
        var answer = await _engine.AnswerAsync(room, "bob", "alice", "v=0");

        Assert.Equal(4024, watch.Code);
        Assert.Equal(4024, answer.Code);
        Assert.Equal(handlesBefore, await EngineHandlesAsync());
    }

    [Fact]
    public async Task Watching_a_publisher_whose_media_is_not_up_answers_4024_and_leaves_no_handle()
    {
        var room = NewRoom();
        await _engine.PublishAsync(room, "alice", Sdp.Offer(), false, false);
        var handlesBefore = await EngineHandlesAsync();

        // The offer was answered, but no browser completes ICE here: VideoRoom has no live feed to subscribe to.
        var watch = await _engine.WatchAsync(room, "bob", "alice");

        Assert.Equal(4024, watch.Code);
        Assert.Equal(handlesBefore, await EngineHandlesAsync());
    }

    [Fact]
    public async Task A_malformed_offer_answers_2001_and_leaves_no_station()
    {
        var room = NewRoom();
        var handlesBefore = await EngineHandlesAsync();

        var outcome = await _engine.PublishAsync(room, "alice", "not an sdp", false, false);

        Assert.Equal(2001, outcome.Code);
        Assert.Empty(await PublishersAfterLeavingAsync(room));
        Assert.Equal(handlesBefore.Count + (handlesBefore.Count == 0 ? 1 : 0), (await EngineHandlesAsync()).Count);
    }

    [Fact]
    public async Task Candidates_are_trickled_to_the_station_and_garbage_or_unknown_targets_are_refused()
    {
        var room = NewRoom();
        await _engine.PublishAsync(room, "alice", Sdp.Offer(), false, false);

        var uplink = await _engine.TrickleAsync(room, "alice", null, """{"candidate":"candidate:1 1 udp 2122260223 10.99.0.2 50000 typ host","sdpMid":"0","sdpMLineIndex":0}""");
        var bare = await _engine.TrickleAsync(room, "alice", null, "a=candidate:2 1 udp 2122260223 10.99.0.3 50002 typ host");
        var noDownlink = await _engine.TrickleAsync(room, "bob", "alice", "candidate:1 1 udp 2122260223 10.99.0.3 50002 typ host");
        var garbage = await _engine.TrickleAsync(room, "alice", null, "hello");
        var unknown = await _engine.TrickleAsync(room, "carol", null, "candidate:1 1 udp 1 10.99.0.4 1 typ host");

        Assert.Equal(200, uplink.Code);
        Assert.Equal(200, bare.Code);
        Assert.Equal(4024, noDownlink.Code);
        Assert.Equal(2001, garbage.Code);
        Assert.Equal(2001, unknown.Code);
    }

    [Fact]
    public async Task Releasing_a_publisher_detaches_its_station_in_Janus()
    {
        var room = NewRoom();
        await _engine.PublishAsync(room, "alice", Sdp.Offer(), false, false);
        var before = await EngineHandlesAsync();

        await _engine.ReleaseSessionAsync(room, "alice");

        Assert.Empty(await PublishersAfterLeavingAsync(room));
        Assert.Equal(before.Count - 1, (await EngineHandlesAsync()).Count);
        Assert.Equal(4024, (await _engine.WatchAsync(room, "bob", "alice")).Code);
    }

    [Fact]
    public async Task Closing_a_room_destroys_the_VideoRoom_room()
    {
        var room = NewRoom();
        await _engine.PublishAsync(room, "alice", Sdp.Offer(), false, false);
        var before = await EngineHandlesAsync();

        await _engine.CloseRoomAsync(room);

        Assert.False(await RoomExistsAsync(room));
        Assert.Equal(before.Count - 1, (await EngineHandlesAsync()).Count);
    }

    [Fact]
    public void Janus_errors_map_to_signaling_codes()
    {
        Assert.Equal(2001, JanusMediaEngine.Map(new JanusException(JanusErrorCodes.InvalidJsep, "bad")).Code);
        Assert.Equal(4024, JanusMediaEngine.Map(new JanusException(JanusErrorCodes.NoSuchFeed, "gone", fromPlugin: true)).Code);
        Assert.Equal(4025, JanusMediaEngine.Map(new JanusException(432, "full", fromPlugin: true)).Code);
        Assert.Equal(500, JanusMediaEngine.Map(new JanusException(JanusErrorCodes.Timeout, "slow")).Code);
    }

    private static MediaRoom NewRoom(bool audioOnly = false) => new($"room-{Guid.NewGuid():N}", audioOnly);

    private async Task<List<string>> PublishersAsync(MediaRoom room)
    {
        try
        {
            var participants = await _observer.MessageAsync(_observerHandle, new JsonObject { ["request"] = "listparticipants", ["room"] = room.RoomId });
            // "publisher" turns true only once media flows (no browser here): count the joined stations.
            return [.. participants.Data["participants"]!.AsArray().Select(p => p!["id"]!.GetValue<string>())];
        }
        catch (JanusException e) when (e.Code == JanusErrorCodes.NoSuchRoom)
        {
            return [];
        }
    }

    /// <summary>
    /// The room's participants once a detached station has left: Janus answers the detach before its VideoRoom
    /// plugin removes the participant (seen in CI: "alice" still listed right after the detach), so this waits up
    /// to 10 s for the list to empty and returns whatever it holds then.
    /// </summary>
    private async Task<List<string>> PublishersAfterLeavingAsync(MediaRoom room)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var publishers = await PublishersAsync(room);
            if (publishers.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return publishers;
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> RoomExistsAsync(MediaRoom room) =>
        (await _observer.MessageAsync(_observerHandle, new JsonObject { ["request"] = "exists", ["room"] = room.RoomId })).Data["exists"]!.GetValue<bool>();

    /// <summary>The handles Janus itself holds for the engine's session (admin API), not our bookkeeping.</summary>
    private async Task<List<long>> EngineHandlesAsync()
    {
        if (_engine.JanusSessionId is not { } id)
        {
            return [];
        }

        return [.. (await janus.Unit.AdminAsync("list_handles", id))["handles"]!.AsArray().Select(h => h!.GetValue<long>())];
    }
}
