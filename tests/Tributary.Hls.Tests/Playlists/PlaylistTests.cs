using System.Globalization;

namespace Tributary.Hls.Tests.Playlists;

public sealed class PlaylistTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() => _host = await HlsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Master_lists_renditions_and_variants_with_their_attributes()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room, audio: "aud"));
        await _host.UploadOkAsync(user, DataSignals.Rendition(room));

        using var response = await _host.Http.GetAsync($"/live/{user}/{room}/playlist.m3u8");
        var master = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "#EXTM3U\n" +
            "#EXT-X-VERSION:9\n" +
            "#EXT-X-INDEPENDENT-SEGMENTS\n" +
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,URI=\"a0/playlist.m3u8\"\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.64000d,mp4a.40.2\",AUDIO=\"aud\"\n" +
            "v0/playlist.m3u8\n",
            master);
    }

    [Fact]
    public async Task Master_omits_an_audio_group_that_was_never_uploaded()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room, audio: "aud"));

        var master = await _host.GetTextAsync($"/live/{user}/{room}/playlist.m3u8");

        Assert.Contains("#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.64000d,mp4a.40.2\"\nv0/playlist.m3u8\n", master, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_playlist_has_part_info_server_control_parts_date_time_and_preload_hint()
    {
        var (user, room) = _host.NewBroadcast();
        var pdt = new DateTimeOffset(2026, 12, 1, 20, 0, 0, 125, TimeSpan.Zero).ToUnixTimeMilliseconds();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, independent: true, programDateTime: pdt));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 1));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 0, duration: 0.5));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 0, independent: true));

        using var response = await _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        var media = await response.Content.ReadAsStringAsync();

        Assert.Equal("public, max-age=1", response.Headers.CacheControl!.ToString());
        Assert.Equal(
            "#EXTM3U\n" +
            "#EXT-X-VERSION:9\n" +
            "#EXT-X-TARGETDURATION:1\n" +
            "#EXT-X-PART-INF:PART-TARGET=0.25\n" +
            "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.0,PART-HOLD-BACK=0.75\n" +
            "#EXT-X-MEDIA-SEQUENCE:0\n" +
            "#EXT-X-MAP:URI=\"init.mp4\"\n" +
            "#EXT-X-PROGRAM-DATE-TIME:2026-12-01T20:00:00.125Z\n" +
            "#EXT-X-PART:DURATION=0.25,URI=\"seg0.0.m4s\",INDEPENDENT=YES\n" +
            "#EXT-X-PART:DURATION=0.25,URI=\"seg0.1.m4s\"\n" +
            "#EXTINF:0.5,\n" +
            "seg0.m4s\n" +
            "#EXT-X-PART:DURATION=0.25,URI=\"seg1.0.m4s\",INDEPENDENT=YES\n" +
            "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-1.m4s\"\n",
            media);
    }

    [Fact]
    public async Task Media_playlists_report_the_other_variants_and_renditions_last_segment_and_part()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room, audio: "aud"));
        await _host.UploadOkAsync(user, DataSignals.Variant(room, variantId: "v1", mapId: "init1.mp4", audio: "aud"));
        await _host.UploadOkAsync(user, DataSignals.Rendition(room));
        // v0: segment 0 complete (2 parts), part 1.0 open; v1: segment 0 complete (2 parts), nothing open.
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, independent: true));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 1));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 0, duration: 0.5));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 0, independent: true));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, independent: true, variantId: "v1"));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 1, variantId: "v1"));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 0, duration: 0.5, variantId: "v1"));

        var v0 = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        var v1 = await _host.GetTextAsync($"/live/{user}/{room}/v1/playlist.m3u8");
        var a0Empty = await _host.GetTextAsync($"/live/{user}/{room}/a0/playlist.m3u8");

        // The rendition has nothing yet: nobody reports it.
        Assert.EndsWith(
            "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-1.m4s\"\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../v1/playlist.m3u8\",LAST-MSN=0,LAST-PART=1\n",
            v0,
            StringComparison.Ordinal);
        Assert.EndsWith(
            "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-0.m4s\"\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../v0/playlist.m3u8\",LAST-MSN=1,LAST-PART=0\n",
            v1,
            StringComparison.Ordinal);
        Assert.EndsWith(
            "#EXT-X-MEDIA-SEQUENCE:0\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../v0/playlist.m3u8\",LAST-MSN=1,LAST-PART=0\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../v1/playlist.m3u8\",LAST-MSN=0,LAST-PART=1\n",
            a0Empty,
            StringComparison.Ordinal);

        // A rendition segment uploaded whole (no parts) is reported without LAST-PART.
        var whole = DataSignals.Segment(room, 0, duration: 1, data: [1, 2, 3], variantId: "a0");
        var payload = whole["payload"]!.AsObject();
        payload.Remove("variant");
        payload["rendition"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "a0" };
        await _host.UploadOkAsync(user, whole);

        var v1After = await _host.GetTextAsync($"/live/{user}/{room}/v1/playlist.m3u8");
        Assert.EndsWith(
            "#EXT-X-RENDITION-REPORT:URI=\"../v0/playlist.m3u8\",LAST-MSN=1,LAST-PART=0\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../a0/playlist.m3u8\",LAST-MSN=0\n",
            v1After,
            StringComparison.Ordinal);

        // An ended broadcast's playlists end with ENDLIST and report nothing.
        await _host.Grain(user, room).EndAsync();
        var ended = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        Assert.DoesNotContain("#EXT-X-RENDITION-REPORT", ended, StringComparison.Ordinal);
        Assert.EndsWith("#EXT-X-ENDLIST\n", ended, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parts_older_than_three_target_durations_are_no_longer_listed()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 6);

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");

        Assert.DoesNotContain("URI=\"seg2.3.m4s\"", media, StringComparison.Ordinal);
        Assert.Contains("#EXTINF:1.0,\nseg2.m4s\n", media, StringComparison.Ordinal);
        Assert.Contains("URI=\"seg3.0.m4s\"", media, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-6-0.m4s\"\n", media, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delta_update_skips_segments_older_than_can_skip_until()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 10);

        var full = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        var delta = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_skip=YES");

        Assert.DoesNotContain("#EXT-X-SKIP", full, StringComparison.Ordinal);
        Assert.Contains("seg0.m4s\n", full, StringComparison.Ordinal);
        // Segments 0-3 end at least 6 s (CAN-SKIP-UNTIL) before the playlist's end.
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-SKIP:SKIPPED-SEGMENTS=4\n#EXT-X-MAP:URI=\"init.mp4\"\n", delta, StringComparison.Ordinal);
        Assert.DoesNotContain("seg3.m4s\n", delta, StringComparison.Ordinal);
        Assert.Contains("#EXTINF:1.0,\nseg4.m4s\n", delta, StringComparison.Ordinal);
        Assert.StartsWith("#EXTM3U\n#EXT-X-VERSION:9\n", delta, StringComparison.Ordinal);
        Assert.Equal(full[full.IndexOf("seg4.m4s", StringComparison.Ordinal)..], delta[delta.IndexOf("seg4.m4s", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Skipped_sequence_numbers_become_gap_segments()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 3, data: [7, 7]));

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");

        Assert.Contains("seg0.m4s\n#EXT-X-GAP\n#EXTINF:1.0,\ngap-1.m4s\n#EXT-X-GAP\n#EXTINF:1.0,\ngap-2.m4s\n#EXTINF:1.0,\nseg3.m4s\n", media, StringComparison.Ordinal);
        using var gap = await _host.Http.GetAsync($"/live/{user}/{room}/v0/gap-1.m4s");
        Assert.Equal(404, (int)gap.StatusCode);
    }

    [Fact]
    public async Task Media_is_served_with_content_types_and_cache_headers()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);

        using var init = await _host.Http.GetAsync($"/live/{user}/{room}/v0/init.mp4");
        using var part = await _host.Http.GetAsync($"/live/{user}/{room}/v0/seg0.2.m4s");
        using var positional = await _host.Http.GetAsync($"/live/{user}/{room}/v0/part-0-2.m4s");
        using var missing = await _host.Http.GetAsync($"/live/{user}/{room}/v0/nothing.m4s");

        Assert.Equal("video/mp4", init.Content.Headers.ContentType!.MediaType);
        Assert.Equal("init"u8.ToArray(), await init.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/iso.segment", part.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=60", part.Headers.CacheControl!.ToString());
        Assert.Equal("*", part.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("part 0.2"u8.ToArray(), await positional.Content.ReadAsByteArrayAsync());
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("no-store", missing.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Ids_without_extension_are_served_with_mp4_and_m4s_appended()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room, mapId: "init"));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, partId: "p0"));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 0, segmentId: "s0"));

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");

        Assert.Contains("#EXT-X-MAP:URI=\"init.mp4\"\n", media, StringComparison.Ordinal);
        Assert.Contains("URI=\"p0.m4s\"", media, StringComparison.Ordinal);
        Assert.Contains("\ns0.m4s\n", media, StringComparison.Ordinal);
        Assert.Equal("part 0.0"u8.ToArray(), await _host.Http.GetByteArrayAsync($"/live/{user}/{room}/v0/p0.m4s"));
        Assert.Equal("init"u8.ToArray(), await _host.Http.GetByteArrayAsync($"/live/{user}/{room}/v0/init.mp4"));
    }

    [Fact]
    public async Task Unknown_broadcast_and_variant_answer_404()
    {
        var (user, room) = _host.NewBroadcast();
        using var master = await _host.Http.GetAsync($"/live/{user}/{room}/playlist.m3u8");
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        using var variant = await _host.Http.GetAsync($"/live/{user}/{room}/v9/playlist.m3u8");

        Assert.Equal(404, (int)master.StatusCode);
        Assert.Equal(404, (int)variant.StatusCode);
    }

    [Fact]
    public async Task Program_date_time_is_written_in_utc_with_milliseconds()
    {
        var (user, room) = _host.NewBroadcast();
        var pdt = DateTimeOffset.Parse("2026-01-02T03:04:05.006Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, programDateTime: pdt));

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");

        Assert.Contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-02T03:04:05.006Z\n", media, StringComparison.Ordinal);
    }
}
