namespace Tributary.Hls.Tests.Ingest;

public sealed class Fmp4CutterTests
{
    [Fact]
    public async Task Ffmpeg_fragmented_mp4_is_cut_into_init_and_quarter_second_parts_with_keyframes_marked()
    {
        var broadcaster = await TestBroadcaster.CreateAsync(4);

        var parts = broadcaster.Segments.SelectMany(s => s).ToList();

        Assert.Equal("avc1.64000d,mp4a.40.2", broadcaster.Init.Codecs);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(broadcaster.Init.Data, 4, 4));
        Assert.Equal(4, broadcaster.Segments.Count);
        Assert.All(broadcaster.Segments, s => Assert.True(s[0].Independent));
        Assert.All(broadcaster.Segments, s => Assert.All(s.Skip(1), p => Assert.False(p.Independent)));
        Assert.All(parts, p => Assert.Equal("moof", System.Text.Encoding.ASCII.GetString(p.Data, 4, 4)));
        // Parts end on frame boundaries near 0.25 s; segments are whole GOPs of one second.
        Assert.All(parts.SkipLast(1), p => Assert.InRange(p.Duration, 0.2, 0.3));
        Assert.All(broadcaster.Segments.SkipLast(1), s => Assert.InRange(s.Sum(p => p.Duration), 0.95, 1.05));
        // ffmpeg stretches the very last video sample to the end of the audio.
        Assert.InRange(parts.Sum(p => p.Duration), 4.0, 4.05);
    }
}
