namespace Tributary.Hls.Tests.Playback;

// The edge cache answers repeated requests without the grain call, and never serves a stale answer:
// every upload is visible to the next request, held reloads are still released by the upload.
public sealed class EdgeCacheTests : IAsyncLifetime
{
    private HlsHost _host = null!;
    private BlockedRequests _blocked = null!;
    private EdgeRequests _edge = null!;

    public async Task InitializeAsync()
    {
        _host = await HlsHost.StartAsync();
        _blocked = new BlockedRequests(_host);
        _edge = new EdgeRequests(_host);
    }

    public async Task DisposeAsync()
    {
        _edge.Dispose();
        _blocked.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Repeated_reload_is_a_cache_hit_and_the_next_upload_is_served_at_once()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 2);
        var path = $"/live/{user}/{room}/v0/playlist.m3u8";

        var first = await _host.GetTextAsync(path);
        var before = _edge.Counts;
        var second = await _host.GetTextAsync(path);
        Assert.Equal(first, second);
        Assert.Equal((before.Hits + 1, before.Misses), _edge.Counts);

        for (var part = 0; part < 4; part++)
        {
            await _host.UploadOkAsync(user, DataSignals.Part(room, 2, part, independent: part == 0));
            var after = await _host.GetTextAsync(path);
            Assert.Contains($"URI=\"seg2.{part}.m4s\"", after, StringComparison.Ordinal);
            Assert.Contains($"#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-2-{part + 1}.m4s\"\n", after, StringComparison.Ordinal);
        }

        await _host.UploadOkAsync(user, DataSignals.Segment(room, 2));
        Assert.Contains("#EXTINF:1.0,\nseg2.m4s\n", await _host.GetTextAsync(path), StringComparison.Ordinal);
        var master = await _host.GetTextAsync($"/live/{user}/{room}/playlist.m3u8");
        Assert.Equal(master, await _host.GetTextAsync($"/live/{user}/{room}/playlist.m3u8"));
    }

    [Fact]
    public async Task Held_reload_is_released_by_the_upload_and_a_satisfied_reload_is_answered_from_the_cache()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var path = $"/live/{user}/{room}/v0/playlist.m3u8";
        await _host.GetTextAsync(path);

        var held = _host.Http.GetAsync($"{path}?_HLS_msn=1&_HLS_part=0");
        await _blocked.AtLeastAsync(1);
        Assert.False(held.IsCompleted);
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 0, independent: true));
        using (var released = await held)
        {
            Assert.Equal(200, (int)released.StatusCode);
            Assert.Contains("URI=\"seg1.0.m4s\",INDEPENDENT=YES\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-1.m4s\"\n", await released.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The same directive again, and an older one: the cached current playlist already holds them.
        var before = _edge.Counts;
        var again = await _host.GetTextAsync($"{path}?_HLS_msn=1&_HLS_part=0");
        var older = await _host.GetTextAsync($"{path}?_HLS_msn=0");
        Assert.Contains("URI=\"seg1.0.m4s\"", again, StringComparison.Ordinal);
        Assert.Equal(again, older);
        Assert.Equal((before.Hits + 2, before.Misses), _edge.Counts);

        // A directive the cached playlist does not hold still goes to the grain and is held there.
        var next = _host.Http.GetAsync($"{path}?_HLS_msn=1&_HLS_part=1");
        await _blocked.AtLeastAsync(1);
        Assert.False(next.IsCompleted);
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 1));
        using var nextResponse = await next;
        Assert.Contains("URI=\"seg1.1.m4s\"\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-1-2.m4s\"\n", await nextResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_is_cached_per_window_so_a_restarted_broadcast_reusing_names_serves_its_new_bytes()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, data: [1, 1, 1], independent: true));
        var url = $"/live/{user}/{room}/v0/seg0.0.m4s";

        Assert.Equal([1, 1, 1], await _host.Http.GetByteArrayAsync(url));
        var before = _edge.Counts;
        Assert.Equal([1, 1, 1], await _host.Http.GetByteArrayAsync(url));
        Assert.Equal((before.Hits + 1, before.Misses), _edge.Counts);

        await _host.Grain(user, room).EndAsync();
        Assert.EndsWith("#EXT-X-ENDLIST\n", await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8"), StringComparison.Ordinal);

        // The room is live again: the phone starts over with the same names and new bytes.
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, data: [2, 2], independent: true));
        Assert.Equal([2, 2], await _host.Http.GetByteArrayAsync(url));
        Assert.DoesNotContain("#EXT-X-ENDLIST", await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8"), StringComparison.Ordinal);
    }
}
