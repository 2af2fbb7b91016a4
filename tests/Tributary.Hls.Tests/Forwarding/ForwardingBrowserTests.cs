using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Hls.Tests.Forwarding;

// hlsForwarding end to end: Chromium publishes into an m2m room through /signal with op.hlsForwarding;
// Janus (VideoRoom) rtp_forwards the decrypted RTP to the packager's supervised ffmpeg, whose fMP4 goes
// through the cutter into the broadcast; the playlists follow it live and, after LEAVE, ffprobe decodes it.
// Everything runs in a private network namespace (MEDIA-TESTING.md).
public sealed class ForwardingBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private NetworkNamespace? _ns;
    private NamespacedServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _ns = NetworkNamespace.Create();
        _server = await NamespacedServer.StartAsync(_ns, "all", [.. NamespacedServer.JanusArgs, "--HlsForwarding:VideoBitrate=400000"]);
        _playwright = await Playwright.CreateAsync();
        _browser = await NamespacedChromium.LaunchAsync(_playwright, _ns, _server.DataDir);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _ns?.Dispose();
    }

    [Fact]
    public async Task Chromium_publishing_with_hlsForwarding_is_packaged_as_ll_hls_and_ffprobe_decodes_it()
    {
        var server = _server!;
        var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Forwarding", "publisher.html"));
        var page = await NamespacedChromium.OpenPageAsync(_browser!, server, html, "publisher");
        var userId = await server.CreateUserAsync("caster");
        var sessionId = Guid.NewGuid().ToString();
        var rid = Guid.NewGuid().ToString();

        var published = await page.EvaluateAsync<JsonElement>("a => T.publish(a)", new { server = server.Origin, token = server.IssueToken(userId), userId, sessionId, rid });
        Assert.True(published.GetProperty("c").GetInt32() == 200, $"{published}\n{server.Output}");

        // The broadcast of a forwarded station is named by the publisher's session: /live/{sessionId}/{roomId}/.
        var prefix = $"/live/{sessionId}/{rid}";
        string playlist;
        try
        {
            playlist = await LivePlaylist.WaitAsync(server.Http, $"{prefix}/v0/playlist.m3u8", p => p.Contains("seg2.m4s\n", StringComparison.Ordinal), Patience);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no HLS after {Patience}; uplink {await page.EvaluateAsync<string>("() => T.state()")}\n{server.Output}");
            throw;
        }

        Assert.Contains("#EXT-X-MAP:URI=\"init1.mp4\"\n", playlist, StringComparison.Ordinal);
        Assert.Contains(",INDEPENDENT=YES\n", playlist, StringComparison.Ordinal);
        var master = await server.Http.GetStringAsync($"{prefix}/playlist.m3u8");
        Assert.Contains("CODECS=\"avc1.", master, StringComparison.Ordinal);

        // LEAVE releases the station: forwarding stops and the playlist ends, so ffprobe reads it to the end.
        Assert.Equal(200, await page.EvaluateAsync<int>("() => T.leave()"));
        var ended = await LivePlaylist.WaitAsync(server.Http, $"{prefix}/v0/playlist.m3u8", p => p.EndsWith("#EXT-X-ENDLIST\n", StringComparison.Ordinal), Patience);
        Assert.Contains("seg2.m4s\n", ended, StringComparison.Ordinal);

        var output = await Task.Run(() => _ns!.Exec("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=codec_type,codec_name,width,nb_read_frames", "-of", "json",
            $"{server.Origin}{prefix}/playlist.m3u8"));
        var streams = JsonNode.Parse(output)!["streams"]!.AsArray();
        var video = streams.First(s => (string)s!["codec_type"]! == "video")!;
        Assert.Equal("h264", (string)video["codec_name"]!);
        Assert.True(int.Parse((string)video["nb_read_frames"]!, CultureInfo.InvariantCulture) >= 50, output);
        Assert.Contains(streams, s => (string)s!["codec_type"]! == "audio" && (string)s["codec_name"]! == "aac");
    }
}
