using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

/// <summary>
/// Taps (<see cref="IRtpTapEngine"/>, the studio's way to take a station's media from its munit): what the engine
/// answers and what Janus's VideoRoom then holds, read from Janus itself (<c>listforwarders</c>). No media flows here;
/// the studio's two-process Chromium test carries real video through a tap.
/// </summary>
public sealed class JanusTapTests(JanusFixture janus) : IClassFixture<JanusFixture>, IAsyncLifetime
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
    public async Task A_tap_forwards_the_named_streams_to_the_target_once_and_closing_it_removes_them()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: false, hlsForwarding: false)).Code);
        var streams = JsonNode.Parse((await _engine.DescribeStationAsync(room, "alice")).Streams!)!.AsArray();
        var audioMid = streams.Single(s => s!["type"]!.GetValue<string>() == "audio")!["mid"]!.ToString();
        var videoMid = streams.Single(s => s!["type"]!.GetValue<string>() == "video")!["mid"]!.ToString();
        var target = new RtpTapTarget("127.0.0.1", audioMid, 47000, 111, videoMid, 47002, 96, VideoRtcpPort: 47004);

        var opened = await _engine.OpenTapAsync(room, "alice", "t1", target);
        var again = await _engine.OpenTapAsync(room, "alice", "t1", target);

        Assert.True(opened.IsSuccess, opened.Message);
        Assert.Equal(200, again.Code);
        Assert.Equal(["127.0.0.1:47000", "127.0.0.1:47002"], await ForwardersAsync(room, "alice"));
        // The video forwarder takes RTCP feedback (keyframe requests) from the tap's RTCP port; the audio one does not.
        Assert.Equal(["47004"], await RtcpPortsAsync(room, "alice"));

        await _engine.CloseTapAsync(room, "alice", "t1");
        Assert.Empty(await ForwardersAsync(room, "alice"));
        await _engine.CloseTapAsync(room, "alice", "t1");
        await _engine.CloseTapAsync(room, "alice", "never-opened");
    }

    [Fact]
    public async Task Two_taps_of_one_station_are_independent_and_a_tap_of_only_video_forwards_only_video()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: false, hlsForwarding: false)).Code);
        var videoMid = JsonNode.Parse((await _engine.DescribeStationAsync(room, "alice")).Streams!)!.AsArray()
            .Single(s => s!["type"]!.GetValue<string>() == "video")!["mid"]!.ToString();

        Assert.Equal(200, (await _engine.OpenTapAsync(room, "alice", "t1", new RtpTapTarget("127.0.0.1", null, 0, 111, videoMid, 47010, 96))).Code);
        Assert.Equal(200, (await _engine.OpenTapAsync(room, "alice", "t2", new RtpTapTarget("127.0.0.1", null, 0, 111, videoMid, 47020, 96))).Code);
        Assert.Equal(["127.0.0.1:47010", "127.0.0.1:47020"], await ForwardersAsync(room, "alice"));

        await _engine.CloseTapAsync(room, "alice", "t1");
        Assert.Equal(["127.0.0.1:47020"], await ForwardersAsync(room, "alice"));
    }

    [Fact]
    public async Task A_tap_of_nobody_or_of_no_stream_is_refused_with_its_code_and_starts_nothing()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: false, hlsForwarding: false)).Code);

        var nobody = await _engine.OpenTapAsync(room, "nobody", "t1", new RtpTapTarget("127.0.0.1", "0", 47030, 111, "1", 47032, 96));
        var noStream = await _engine.OpenTapAsync(room, "alice", "t2", new RtpTapTarget("127.0.0.1", null, 0, 111, null, 0, 96));

        Assert.Equal(4024, nobody.Code);
        Assert.Equal(2001, noStream.Code);
        Assert.Contains("no stream", noStream.Message, StringComparison.Ordinal);
        Assert.Empty(await ForwardersAsync(room, "alice"));
    }

    [Fact]
    public async Task A_publisher_who_leaves_takes_its_taps_with_it()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: false, hlsForwarding: false)).Code);
        var videoMid = JsonNode.Parse((await _engine.DescribeStationAsync(room, "alice")).Streams!)!.AsArray()
            .Single(s => s!["type"]!.GetValue<string>() == "video")!["mid"]!.ToString();
        Assert.Equal(200, (await _engine.OpenTapAsync(room, "alice", "t1", new RtpTapTarget("127.0.0.1", null, 0, 111, videoMid, 47040, 96))).Code);

        await _engine.ReleaseSessionAsync(room, "alice");

        Assert.Empty(await ForwardersAsync(room, "alice"));
        await _engine.CloseTapAsync(room, "alice", "t1");

        // Back again: a new tap of the same id opens (the old one was forgotten with the station).
        Assert.Equal(200, (await _engine.PublishAsync(room, "alice", Sdp.Offer(), restarting: false, hlsForwarding: false)).Code);
        Assert.Equal(200, (await _engine.OpenTapAsync(room, "alice", "t1", new RtpTapTarget("127.0.0.1", null, 0, 111, videoMid, 47040, 96))).Code);
        Assert.Equal(["127.0.0.1:47040"], await ForwardersAsync(room, "alice"));
    }

    private static MediaRoom NewRoom() => new($"room-{Guid.NewGuid():N}", AudioOnly: false);

    // host:port of every rtp_forward Janus holds for the publisher, sorted.
    private async Task<List<string>> ForwardersAsync(MediaRoom room, string publisher) =>
        [.. (await ListedForwardersAsync(room, publisher)).Select(f => $"{f["host"]}:{f["port"]}").Order(StringComparer.Ordinal)];

    // remote_rtcp_port of every forwarder of the publisher that has one.
    private async Task<List<string>> RtcpPortsAsync(MediaRoom room, string publisher) =>
        [.. (await ListedForwardersAsync(room, publisher)).Select(f => f["remote_rtcp_port"]?.ToString()).OfType<string>()];

    private async Task<List<JsonNode>> ListedForwardersAsync(MediaRoom room, string publisher)
    {
        var listed = await _observer.MessageAsync(_observerHandle, new JsonObject { ["request"] = "listforwarders", ["room"] = room.RoomId });
        return [.. (listed.Data["publishers"]?.AsArray() ?? [])
            .Where(p => p?["publisher_id"]?.ToString() == publisher)
            .SelectMany(p => p!["forwarders"]?.AsArray() ?? [])
            .OfType<JsonNode>()];
    }
}
