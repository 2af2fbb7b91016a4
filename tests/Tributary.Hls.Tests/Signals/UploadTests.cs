using System.Text.Json.Nodes;
using Tributary.Rooms;

namespace Tributary.Hls.Tests.Signals;

public sealed class UploadTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() => _host = await HlsHost.StartAsync(["--Hls:MaxPayloadBytes=4096"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Publisher_uploads_variant_parts_and_segment_and_gets_id_and_delay()
    {
        var (user, room) = _host.NewBroadcast();
        var variant = DataSignals.Variant(room, timestamp: null);
        var (status, json) = await _host.PostAsync(user, variant);

        Assert.Equal(200, status);
        Assert.Equal(200, (int)json["c"]!);
        Assert.Equal((string)variant["id"]!, (string)json["b"]!["id"]!);
        Assert.True((long)json["b"]!["delay"]! >= 0);

        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, independent: true));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 1));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 0, duration: 0.5));

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        Assert.Contains("#EXT-X-PART:DURATION=0.25,URI=\"seg0.0.m4s\",INDEPENDENT=YES\n", media, StringComparison.Ordinal);
        Assert.Contains("#EXTINF:0.5,\nseg0.m4s\n", media, StringComparison.Ordinal);
        var part = await _host.Http.GetByteArrayAsync($"/live/{user}/{room}/v0/seg0.1.m4s");
        Assert.Equal("part 0.1"u8.ToArray(), part);
        var segment = await _host.Http.GetByteArrayAsync($"/live/{user}/{room}/v0/seg0.m4s");
        Assert.Equal("part 0.0part 0.1"u8.ToArray(), segment);
    }

    [Fact]
    public async Task Delay_is_receipt_time_minus_the_client_timestamp()
    {
        var (user, room) = _host.NewBroadcast();
        var sentMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 5_000;
        var (status, json) = await _host.PostAsync(user, DataSignals.Variant(room, timestamp: sentMs));

        Assert.Equal(200, status);
        var delay = (long)json["b"]!["delay"]!;
        Assert.InRange(delay, 5_000, 5_000 + 60_000);
    }

    [Fact]
    public async Task Upload_without_token_answers_401_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        var (status, json) = await _host.PostAsync(null, DataSignals.Variant(room));

        Assert.Equal(401, status);
        Assert.Equal(401, (int)json["c"]!);
        Assert.StartsWith("unauthorized", (string)json["b"]!["msg"]!, StringComparison.Ordinal);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Upload_with_forged_token_answers_401_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/data") { Content = new StringContent(DataSignals.Variant(room).ToJsonString()) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _host.TokenFor(user)[..^4] + "AAAA");
        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Upload_by_someone_else_than_the_publisher_answers_403_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        var before = await _host.Grain(user, room).GetStatusAsync();

        var (status, json) = await _host.PostAsync("intruder", DataSignals.Part(room, 0, 0));

        Assert.Equal(403, status);
        Assert.Equal($"you are not the publisher of room {room}", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await _host.Grain(user, room).GetStatusAsync());
        await AssertNoBroadcastAsync("intruder", room);
    }

    [Fact]
    public async Task Upload_to_a_room_that_is_not_p2m_answers_403_and_changes_nothing()
    {
        var user = "m2m-owner";
        var room = Guid.NewGuid().ToString();
        _host.Rooms.Set(room, user, RoomKind.M2m);

        var (status, json) = await _host.PostAsync(user, DataSignals.Variant(room));

        Assert.Equal(403, status);
        Assert.Equal($"room {room} is not a p2m room", (string)json["b"]!["msg"]!);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Upload_to_no_live_room_answers_403_and_changes_nothing()
    {
        var room = Guid.NewGuid().ToString();

        var (status, json) = await _host.PostAsync("someone", DataSignals.Variant(room));

        Assert.Equal(403, status);
        Assert.Equal($"no live p2m room {room}", (string)json["b"]!["msg"]!);
        await AssertNoBroadcastAsync("someone", room);
    }

    [Theory]
    [InlineData("{\"action\":\"updateVariant\",", "malformed JSON")]
    [InlineData("[1,2]", "malformed JSON")]
    [InlineData("{\"action\":\"updateVariant\",\"version\":\"x\"}", "malformed JSON at $.version")]
    public async Task Malformed_json_answers_400_and_changes_nothing(string body, string message)
    {
        var (user, room) = _host.NewBroadcast();

        var (status, json) = await _host.PostAsync(user, body);

        Assert.Equal(400, status);
        Assert.Equal(400, (int)json["c"]!);
        Assert.StartsWith(message, (string)json["b"]!["msg"]!, StringComparison.Ordinal);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Invalid_base64_answers_400_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var before = await SnapshotAsync(user, room);
        var part = DataSignals.Part(room, 1, 0);
        part["payload"]!["part"]!["data"] = "not*base64!";

        var (status, json) = await _host.PostAsync(user, part);

        Assert.Equal(400, status);
        Assert.Equal("payload.part.data is not valid base64", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Theory]
    [InlineData("version", 2, "version must be 1")]
    [InlineData("action", "deleteEverything", "action must be updateVariant, updateRendition, updateSegment or updatePart")]
    [InlineData("timestamp", null, "timestamp is required")]
    [InlineData("id", "", "id is required")]
    public async Task Invalid_envelope_fields_answer_400_and_change_nothing(string field, object? value, string message)
    {
        var (user, room) = _host.NewBroadcast();
        var body = DataSignals.Variant(room);
        body[field] = value switch { int i => i, string s => s, _ => null };

        var (status, json) = await _host.PostAsync(user, body);

        Assert.Equal(400, status);
        Assert.Equal(message, (string)json["b"]!["msg"]!);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Codecs_with_a_quote_answer_400_because_they_would_break_the_master_playlist()
    {
        var (user, room) = _host.NewBroadcast();
        var variant = DataSignals.Variant(room);
        variant["payload"]!["variant"]!["codecs"] = "avc1\",x=\"";

        var (status, json) = await _host.PostAsync(user, variant);

        Assert.Equal(400, status);
        Assert.Equal("payload.variant.codecs and audio must not contain quotes or control characters", (string)json["b"]!["msg"]!);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Segment_update_naming_both_variant_and_rendition_answers_400()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var before = await SnapshotAsync(user, room);
        var segment = DataSignals.Segment(room, 1, data: [1, 2, 3]);
        segment["payload"]!["rendition"] = new JsonObject { ["id"] = "a0" };

        var (status, json) = await _host.PostAsync(user, segment);

        Assert.Equal(400, status);
        Assert.Equal("exactly one of payload.variant and payload.rendition is required", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Payload_over_the_limit_answers_413_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var before = await SnapshotAsync(user, room);

        var (status, json) = await _host.PostAsync(user, DataSignals.Part(room, 1, 0, data: new byte[4097]));

        Assert.Equal(413, status);
        Assert.Equal("payload over the limit of 4096 bytes", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Body_far_over_the_limit_answers_413_before_parsing()
    {
        var (user, room) = _host.NewBroadcast();
        var (status, json) = await _host.PostAsync(user, new string(' ', 200_000) + "{}");

        Assert.Equal(413, status);
        Assert.Equal("payload over the limit of 4096 bytes", (string)json["b"]!["msg"]!);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Segment_before_any_variant_answers_404_unknown_playlist()
    {
        var (user, room) = _host.NewBroadcast();

        var (status, json) = await _host.PostAsync(user, DataSignals.Part(room, 0, 0));

        Assert.Equal(404, status);
        Assert.Equal($"unknown playlist {room}: send updateVariant first", (string)json["b"]!["msg"]!);
        await AssertNoBroadcastAsync(user, room);
    }

    [Fact]
    public async Task Part_of_an_unknown_variant_answers_404_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var before = await SnapshotAsync(user, room);

        var (status, json) = await _host.PostAsync(user, DataSignals.Part(room, 1, 0, variantId: "v9"));

        Assert.Equal(404, status);
        Assert.Equal("unknown variant v9", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Segment_of_an_unknown_rendition_answers_404_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var before = await SnapshotAsync(user, room);
        var segment = DataSignals.Segment(room, 1, data: [1]);
        segment["payload"]!.AsObject().Remove("variant");
        segment["payload"]!["rendition"] = new JsonObject { ["id"] = "a0" };

        var (status, json) = await _host.PostAsync(user, segment);

        Assert.Equal(404, status);
        Assert.Equal("unknown rendition a0", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Part_sequence_going_backwards_answers_409_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 1));
        var before = await SnapshotAsync(user, room);

        var (status, json) = await _host.PostAsync(user, DataSignals.Part(room, 0, 0, partId: "other.m4s"));

        Assert.Equal(409, status);
        Assert.Equal("part sequence 0 of segment 0 goes backwards: the next part is 2", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Part_sequence_skipping_ahead_answers_409_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0));
        var before = await SnapshotAsync(user, room);

        var (status, json) = await _host.PostAsync(user, DataSignals.Part(room, 0, 2));

        Assert.Equal(409, status);
        Assert.Equal("part sequence 2 of segment 0 skips ahead: the next part is 1", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Segment_sequence_going_backwards_answers_409_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 3);
        var before = await SnapshotAsync(user, room);

        var (status, json) = await _host.PostAsync(user, DataSignals.Segment(room, 1, data: [1, 2], segmentId: "again.m4s"));

        Assert.Equal(409, status);
        Assert.Equal("segment sequence 1 goes backwards: segment 2 is complete", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Retry_with_the_same_message_id_answers_200_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        var part = DataSignals.Part(room, 0, 0);
        await _host.UploadOkAsync(user, part);
        var before = await SnapshotAsync(user, room);

        var retry = (JsonObject)part.DeepClone();
        retry["timestamp"] = "1";
        var (status, json) = await _host.PostAsync(user, retry);

        Assert.Equal(200, status);
        Assert.Equal((string)part["id"]!, (string)json["b"]!["id"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Duplicate_message_id_with_different_content_answers_409_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        var part = DataSignals.Part(room, 0, 0);
        await _host.UploadOkAsync(user, part);
        var before = await SnapshotAsync(user, room);

        var other = DataSignals.Part(room, 0, 1, id: (string)part["id"]!);
        var (status, json) = await _host.PostAsync(user, other);

        Assert.Equal(409, status);
        Assert.Equal($"message id {(string)part["id"]!} was already used for different content", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    [Fact]
    public async Task Init_section_id_reused_with_different_bytes_answers_409_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        var before = await SnapshotAsync(user, room);

        var (status, json) = await _host.PostAsync(user, DataSignals.Variant(room, init: [9, 9, 9]));

        Assert.Equal(409, status);
        Assert.Equal("init section init.mp4 already exists with different content", (string)json["b"]!["msg"]!);
        Assert.Equal(before, await SnapshotAsync(user, room));
    }

    private async Task AssertNoBroadcastAsync(string user, string room)
    {
        using var master = await _host.Http.GetAsync($"/live/{user}/{room}/playlist.m3u8");
        Assert.Equal(404, (int)master.StatusCode);
        var status = await _host.Grain(user, room).GetStatusAsync();
        Assert.Equal(0, status.Tracks);
        Assert.Equal(0, status.Bytes);
    }

    private async Task<(Tributary.Hls.Broadcasts.BroadcastStatus Status, string Playlist)> SnapshotAsync(string user, string room) =>
        (await _host.Grain(user, room).GetStatusAsync(), await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8"));
}
