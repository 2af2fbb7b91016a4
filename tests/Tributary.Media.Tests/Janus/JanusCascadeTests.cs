using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tributary.Media.Engine;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

/// <summary>
/// Cascading between two real Janus (VideoRoom remote publishers, Janus 1.1): the origin engine describes a station
/// and forwards it (<c>publish_remotely</c>), the target engine adds it as a remote publisher
/// (<c>add_remote_publisher</c>) that viewers there subscribe to like a local one; what each Janus holds is read
/// from Janus itself (<c>listparticipants</c>; remotizations by re-asking for their id, see <see cref="RemotizedAsync"/>). No media flows (no network namespace here: the
/// forward's RTP goes over loopback, the engines' answers and Janus's state are what is checked); the Chromium test carries real video.
/// </summary>
public sealed class JanusCascadeTests : IAsyncLifetime
{
    private readonly TestLogger _logger = new();
    private JanusUnit _originUnit = null!;
    private JanusUnit _targetUnit = null!;
    private JanusMediaEngine _origin = null!;
    private JanusMediaEngine _target = null!;
    private JanusSession _observer = null!;
    private JanusSession _targetObserver = null!;
    private long _originHandle;
    private long _targetHandle;

    public async Task InitializeAsync()
    {
        _originUnit = await JanusTestUnits.StartAsync(_logger, o => o.RtpPortRange = "43000-43499");
        _targetUnit = await JanusTestUnits.StartAsync(_logger, o => o.RtpPortRange = "43500-43999");

        // Remote publishers bind to the engine's Interface: loopback here.
        _origin = new JanusMediaEngine(_originUnit, Options.Create(JanusTestUnits.Options(o => o.Interface = "127.0.0.1")), NullLogger<JanusMediaEngine>.Instance);
        _target = new JanusMediaEngine(_targetUnit, Options.Create(JanusTestUnits.Options(o => o.Interface = "127.0.0.1")), NullLogger<JanusMediaEngine>.Instance);
        _observer = await _originUnit.CreateSessionAsync();
        _originHandle = await _observer.AttachAsync("janus.plugin.videoroom");
        _targetObserver = await _targetUnit.CreateSessionAsync();
        _targetHandle = await _targetObserver.AttachAsync("janus.plugin.videoroom");
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _target.DisposeAsync();
        await _observer.DisposeAsync();
        await _targetObserver.DisposeAsync();
        await _originUnit.DisposeAsync();
        await _targetUnit.DisposeAsync();
    }

    [Fact]
    public async Task A_station_forwarded_to_another_Janus_is_a_remote_publisher_there_that_viewers_subscribe_to_until_the_forward_is_torn_down()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _origin.PublishAsync(room, "alice", Sdp.Offer(), false, false)).Code);

        var described = await _origin.DescribeStationAsync(room, "alice");
        Assert.True(described.IsSuccess, described.Message);
        var streams = JsonNode.Parse(described.Streams!)!.AsArray();
        Assert.Equal(["audio/opus", "video/vp8"], streams.Select(s => $"{s!["type"]}/{s["codec"]}"));

        var opened = await _target.OpenForwardAsync(room, "alice", "f1", described.Streams!);
        Assert.True(opened.IsSuccess, opened.Message);
        Assert.Equal("127.0.0.1", opened.Endpoint!.Host);
        Assert.True(opened.Endpoint.Port > 0);
        Assert.Equal(opened.Endpoint, (await _target.OpenForwardAsync(room, "alice", "f1", described.Streams!)).Endpoint);
        Assert.Equal(["alice"], await ParticipantsAsync(_targetObserver, _targetHandle, room));

        var started = await _origin.StartForwardAsync(room, "alice", "f1", opened.Endpoint);
        Assert.True(started.IsSuccess, started.Message);
        Assert.Equal(200, (await _origin.StartForwardAsync(room, "alice", "f1", opened.Endpoint)).Code);
        Assert.True(await RemotizedAsync(room, "alice", "f1"));

        var watched = await _target.WatchAsync(room, "bob", "alice");
        Assert.True(watched.IsSuccess, watched.Message);
        Assert.Contains("m=video", watched.Sdp, StringComparison.Ordinal);
        Assert.Contains("VP8/90000", watched.Sdp, StringComparison.Ordinal);

        await _origin.StopForwardAsync(room, "alice", "f1");
        await _target.CloseForwardAsync(room, "alice", "f1");

        Assert.False(await RemotizedAsync(room, "alice", "f1"));
        Assert.Empty(await ParticipantsAsync(_targetObserver, _targetHandle, room));
        Assert.Equal(4024, (await _target.WatchAsync(room, "carol", "alice")).Code);
    }

    [Fact]
    public async Task A_newer_forward_of_the_same_publisher_replaces_the_remote_publisher_left_by_an_older_one()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _origin.PublishAsync(room, "alice", Sdp.Offer(), false, false)).Code);
        var streams = (await _origin.DescribeStationAsync(room, "alice")).Streams!;
        var old = (await _target.OpenForwardAsync(room, "alice", "f1", streams)).Endpoint!;

        var renewed = await _target.OpenForwardAsync(room, "alice", "f2", streams);

        Assert.True(renewed.IsSuccess, renewed.Message);
        Assert.NotEqual(old.Port, renewed.Endpoint!.Port);
        Assert.Equal(["alice"], await ParticipantsAsync(_targetObserver, _targetHandle, room));
    }

    [Fact]
    public async Task A_publisher_that_publishes_on_the_target_itself_replaces_its_stale_remote_publisher()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _origin.PublishAsync(room, "alice", Sdp.Offer(), false, false)).Code);
        Assert.True((await _target.OpenForwardAsync(room, "alice", "f1", (await _origin.DescribeStationAsync(room, "alice")).Streams!)).IsSuccess);

        // The station moved to the target munit (its origin died): its re-OFFER lands there.
        var published = await _target.PublishAsync(room, "alice", Sdp.Offer(), restarting: true, hlsForwarding: false);

        Assert.True(published.IsSuccess, published.Message);
        Assert.Equal(["alice"], await ParticipantsAsync(_targetObserver, _targetHandle, room));
    }

    [Fact]
    public async Task Bad_forward_requests_answer_their_code_and_create_nothing()
    {
        var room = NewRoom();
        Assert.Equal(200, (await _origin.PublishAsync(room, "alice", Sdp.Offer(), false, false)).Code);
        var streams = (await _origin.DescribeStationAsync(room, "alice")).Streams!;

        var unknown = await _origin.DescribeStationAsync(room, "nobody");
        var notJson = await _target.OpenForwardAsync(room, "alice", "f1", "not json");
        var onItself = await _origin.OpenForwardAsync(room, "alice", "f1", streams);
        var startUnknown = await _origin.StartForwardAsync(room, "nobody", "f1", new Cascading.ForwardEndpoint("127.0.0.1", 9, 0));

        Assert.Equal(4024, unknown.Code);
        Assert.Equal(2001, notJson.Code);
        Assert.Contains("not a JSON array", notJson.Message, StringComparison.Ordinal);
        Assert.Equal(500, onItself.Code);
        Assert.Equal(4024, startUnknown.Code);
        Assert.Empty(await ParticipantsAsync(_targetObserver, _targetHandle, room));
        Assert.False(await RemotizedAsync(room, "alice", "f1"));
        Assert.Equal(["alice"], await ParticipantsAsync(_observer, _originHandle, room));
    }

    private static MediaRoom NewRoom() => new(Guid.NewGuid().ToString(), AudioOnly: false);

    /// <summary>
    /// Whether the origin's VideoRoom has the remotization <paramref name="remoteId"/> of the publisher. Janus 1.1.2 has
    /// no <c>list_remotes</c> (and <c>listforwarders</c> does not show remotizations), so this asks for the same remote
    /// id again: 436 "already exists" means it is there; a success means it was not — that probe is undone at once.
    /// </summary>
    private async Task<bool> RemotizedAsync(MediaRoom room, string publisher, string remoteId)
    {
        try
        {
            await _observer.MessageAsync(_originHandle, new JsonObject
            {
                ["request"] = "publish_remotely", ["room"] = room.RoomId, ["publisher_id"] = publisher, ["remote_id"] = remoteId, ["host"] = "127.0.0.1", ["port"] = 9,
            });
        }
        catch (JanusException e) when (e.Code == JanusErrorCodes.IdExists)
        {
            return true;
        }

        await _observer.MessageAsync(_originHandle, new JsonObject { ["request"] = "unpublish_remotely", ["room"] = room.RoomId, ["publisher_id"] = publisher, ["remote_id"] = remoteId });
        return false;
    }

    private static async Task<List<string>> ParticipantsAsync(JanusSession observer, long handle, MediaRoom room)
    {
        try
        {
            var listed = await observer.MessageAsync(handle, new JsonObject { ["request"] = "listparticipants", ["room"] = room.RoomId });
            return [.. listed.Data["participants"]!.AsArray().Select(p => p!["id"]!.GetValue<string>())];
        }
        catch (JanusException e) when (e.Code == JanusErrorCodes.NoSuchRoom)
        {
            return [];
        }
    }
}
