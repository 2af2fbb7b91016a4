namespace Tributary.Hls.Tests.Broadcasts;

public sealed class WindowBoundsTests : IAsyncLifetime
{
    private const int Budget = 1024 * 1024;
    private HlsHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await HlsHost.StartAsync(["--Hls:MaxSegments=4", $"--Hls:MaxBroadcastBytes={Budget}", "--Hls:MaxPayloadBytes=400000"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Old_segments_roll_out_of_a_window_of_max_segments()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 8);

        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        using var gone = await _host.Http.GetAsync($"/live/{user}/{room}/v0/seg3.m4s");
        using var gonePart = await _host.Http.GetAsync($"/live/{user}/{room}/v0/seg3.0.m4s");

        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:4\n", media, StringComparison.Ordinal);
        Assert.DoesNotContain("seg3", media, StringComparison.Ordinal);
        Assert.Equal(404, (int)gone.StatusCode);
        Assert.Equal(404, (int)gonePart.StatusCode);
        Assert.Equal("part 4.0"u8.ToArray(), await _host.Http.GetByteArrayAsync($"/live/{user}/{room}/v0/seg4.0.m4s"));
        // The init section and four segments of four 8-byte parts are all that is left.
        Assert.Equal(4 + 4 * 4 * 8, (await _host.Grain(user, room).GetStatusAsync()).Bytes);
    }

    [Fact]
    public async Task Memory_budget_evicts_the_oldest_segments_and_keeps_the_newest()
    {
        var (user, room) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        var segment = new byte[300_000];
        for (var s = 0; s < 4; s++)
        {
            segment[0] = (byte)s;
            await _host.UploadOkAsync(user, DataSignals.Segment(room, s, data: segment));
        }

        var status = await _host.Grain(user, room).GetStatusAsync();
        var media = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");
        using var evicted = await _host.Http.GetAsync($"/live/{user}/{room}/v0/seg0.m4s");
        var newest = await _host.Http.GetByteArrayAsync($"/live/{user}/{room}/v0/seg3.m4s");

        // A fourth 300 kB segment would take the window over 1 MiB: the oldest goes.
        Assert.Equal(4 + 3 * 300_000, status.Bytes);
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:1\n", media, StringComparison.Ordinal);
        Assert.Equal(404, (int)evicted.StatusCode);
        Assert.Equal(3, newest[0]);
    }
}
