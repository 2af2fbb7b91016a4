namespace Tributary.Hls.Tests.Broadcasts;

public sealed class BlockingReloadTests : IAsyncLifetime
{
    private HlsHost _host = null!;
    private BlockedRequests _blocked = null!;

    public async Task InitializeAsync()
    {
        _host = await HlsHost.StartAsync(["--Hls:RoomCheckInterval=00:00:00.100"]);
        _blocked = new BlockedRequests(_host);
    }

    public async Task DisposeAsync()
    {
        _blocked.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Request_for_the_next_part_is_held_until_that_part_is_uploaded()
    {
        var (user, room) = await StartedAsync();
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=1&_HLS_part=2");
        await _blocked.AtLeastAsync(1);
        Assert.False(held.IsCompleted);

        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 2));

        using var response = await held;
        var media = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("#EXT-X-PART:DURATION=0.25,URI=\"seg1.2.m4s\"\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-3.m4s\"\n", media, StringComparison.Ordinal);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Request_for_a_segment_is_held_until_the_segment_completes_not_just_its_parts()
    {
        var (user, room) = await StartedAsync();
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=1");
        await _blocked.AtLeastAsync(1);

        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 2));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 3));
        Assert.False(held.IsCompleted);
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 1));

        using var response = await held;
        Assert.Contains("#EXTINF:1.0,\nseg1.m4s\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Part_past_the_end_of_a_completed_segment_is_answered_by_the_next_segments_first_part()
    {
        var (user, room) = await StartedAsync();
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 2));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 3));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 1));
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=1&_HLS_part=4");
        await _blocked.AtLeastAsync(1);

        await _host.UploadOkAsync(user, DataSignals.Part(room, 2, 0, independent: true));

        using var response = await held;
        Assert.Contains("URI=\"seg2.0.m4s\",INDEPENDENT=YES\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_for_what_exists_is_answered_at_once()
    {
        var (user, room) = await StartedAsync();

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=1&_HLS_part=1");

        Assert.Contains("URI=\"seg1.1.m4s\"", media, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_HLS_msn=4", "too far ahead")]
    [InlineData("_HLS_msn=1&_HLS_part=14", "too far ahead")]
    [InlineData("_HLS_part=1", "_HLS_part requires _HLS_msn")]
    [InlineData("_HLS_msn=x", "_HLS_msn must be a non-negative integer")]
    [InlineData("_HLS_msn=1&_HLS_part=-1", "_HLS_part must be a non-negative integer")]
    [InlineData("_HLS_skip=NO", "_HLS_skip must be YES or v2")]
    public async Task Invalid_or_too_far_ahead_directives_answer_400_at_once(string query, string message)
    {
        var (user, room) = await StartedAsync();

        using var response = await _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?{query}");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Part_within_the_advance_part_limit_is_held_not_refused()
    {
        var (user, room) = await StartedAsync();
        // Segment 1 has parts 0 and 1; with 0.25 s parts the limit is 12 parts ahead.
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=1&_HLS_part=13");
        await _blocked.AtLeastAsync(1);

        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 2));
        await _host.UploadOkAsync(user, DataSignals.Segment(room, 1, duration: 0.75));
        Assert.False(held.IsCompleted);
        await _host.UploadOkAsync(user, DataSignals.Part(room, 2, 0));

        using var response = await held;
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Hinted_part_request_is_held_until_the_part_arrives()
    {
        var (user, room) = await StartedAsync();
        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        Assert.Contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-2.m4s\"\n", media, StringComparison.Ordinal);
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/part-1-2.m4s");
        await _blocked.AtLeastAsync(1);
        Assert.False(held.IsCompleted);

        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 2, data: "hinted"u8.ToArray()));

        using var response = await held;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("video/iso.segment", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hinted"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Hinted_part_request_answers_404_when_the_segment_completes_without_it()
    {
        var (user, room) = await StartedAsync();
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/part-1-2.m4s");
        await _blocked.AtLeastAsync(1);

        await _host.UploadOkAsync(user, DataSignals.Segment(room, 1, duration: 0.5));

        using var response = await held;
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Part_beyond_the_hint_answers_404_at_once()
    {
        var (user, room) = await StartedAsync();

        using var response = await _host.Http.GetAsync($"/live/{user}/{room}/v0/part-1-3.m4s");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Ending_the_room_releases_held_requests_with_endlist_and_no_preload_hint()
    {
        var (user, room) = await StartedAsync();
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=2");
        await _blocked.AtLeastAsync(1);

        _host.Rooms.Remove(room);

        using var response = await held;
        var media = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.EndsWith("#EXTINF:0.5,\nsegment-1.m4s\n#EXT-X-ENDLIST\n", media, StringComparison.Ordinal);
        Assert.DoesNotContain("PRELOAD-HINT", media, StringComparison.Ordinal);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
        var later = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=2&_HLS_part=0");
        Assert.Equal(media, later);
    }

    [Fact]
    public async Task Publisher_change_ends_the_broadcast()
    {
        var (user, room) = await StartedAsync();
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=2");
        await _blocked.AtLeastAsync(1);

        _host.Rooms.Set(room, "someone-else");

        using var response = await held;
        Assert.EndsWith("#EXT-X-ENDLIST\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await _host.Grain(user, room).GetStatusAsync()).Ended);
    }

    // Segment 0 complete (4 parts), segment 1 open with parts 0 and 1.
    private async Task<(string User, string Room)> StartedAsync()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 0, independent: true));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 1));
        return (user, room);
    }
}
