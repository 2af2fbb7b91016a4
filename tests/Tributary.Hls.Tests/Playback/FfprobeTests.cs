using System.Text.Json.Nodes;
using Tributary.Hls.Tests.Ingest;
using Tributary.Testing.Servers;

namespace Tributary.Hls.Tests.Playback;

public sealed class FfprobeTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() => _host = await HlsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ffprobe_decodes_every_frame_of_an_uploaded_broadcast_from_its_master_playlist_url()
    {
        var broadcaster = await TestBroadcaster.CreateAsync(4);
        var (user, room) = _host.NewBroadcast();
        await broadcaster.UploadAsync(_host, user, room);
        await _host.Grain(user, room).EndAsync();

        var url = new Uri(_host.Host.BaseUri, $"live/{user}/{room}/playlist.m3u8").ToString();
        var output = await Task.Run(() => ExternalProcess.Run(ExternalProcess.Require("/usr/bin/ffprobe", "ffmpeg"),
            "-v", "error", "-count_frames", "-show_entries", "stream=codec_type,codec_name,width,height,nb_read_frames", "-of", "json", url));

        var streams = JsonNode.Parse(output)!["streams"]!.AsArray();
        var video = streams.Single(s => (string)s!["codec_type"]! == "video")!;
        var audio = streams.Single(s => (string)s!["codec_type"]! == "audio")!;
        Assert.Equal("h264", (string)video["codec_name"]!);
        Assert.Equal(320, (int)video["width"]!);
        Assert.Equal(broadcaster.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)video["nb_read_frames"]!);
        Assert.Equal("aac", (string)audio["codec_name"]!);
    }
}
