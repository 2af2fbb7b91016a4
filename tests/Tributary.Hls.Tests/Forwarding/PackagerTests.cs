using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Hls.Forwarding;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;
using Tributary.Rooms;
using Tributary.Testing.Servers;

namespace Tributary.Hls.Tests.Forwarding;

// hlsForwarding below the media server: RTP as Janus's rtp_forward sends it (here made by a local ffmpeg
// sender: VP8 + Opus to the packager's loopback UDP ports) → supervised ffmpeg → fMP4 → cutter → the
// broadcast grain → playlists and ffprobe, and an ffmpeg that is killed comes back.
public sealed class PackagerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private HlsHost _host = null!;

    public async Task InitializeAsync()
    {
        var firstPort = 47000 + (4 * Random.Shared.Next(0, 450));
        _host = await HlsHost.StartAsync([
            $"--HlsForwarding:FirstPort={firstPort.ToString(CultureInfo.InvariantCulture)}", "--HlsForwarding:PortCount=100",
            "--HlsForwarding:FrameRate=15", "--HlsForwarding:VideoBitrate=300000", "--HlsForwarding:RestartDelay=00:00:00.200"]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Forwarded_rtp_becomes_a_playable_broadcast_and_a_killed_ffmpeg_is_restarted_after_a_discontinuity()
    {
        var room = Guid.NewGuid().ToString();
        var session = "s" + Guid.NewGuid().ToString("N")[..12];
        _host.Rooms.Set(room, "owner", RoomKind.M2m);
        var packager = _host.Host.Services.GetRequiredService<HlsPackager>();
        var target = await packager.StartAsync(new MediaRoom(room, false), session, new RtpForwardCodecs("opus", "vp8"));
        Assert.NotNull(target);
        Assert.Equal(target, await packager.StartAsync(new MediaRoom(room, false), session, new RtpForwardCodecs("opus", "vp8")));
        var prefix = $"/live/{session}/{room}";

        using var sender = ExternalProcess.Start(ExternalProcess.Require("/usr/bin/ffmpeg", "ffmpeg"),
            "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "300",
            "-map", "1:a", "-c:a", "libopus", "-payload_type", "111", "-f", "rtp", $"rtp://127.0.0.1:{target.AudioPort}",
            "-map", "0:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-threads", "1", "-g", "15", "-b:v", "200k",
            "-payload_type", "96", "-f", "rtp", $"rtp://127.0.0.1:{target.VideoPort}");
        try
        {
            var playlist = await WaitForPlaylistAsync($"{prefix}/{ForwardedBroadcast.VariantId}/playlist.m3u8", p => p.Contains("seg2.m4s\n", StringComparison.Ordinal));
            Assert.Contains("#EXT-X-MAP:URI=\"init1.mp4\"\n", playlist, StringComparison.Ordinal);
            Assert.Contains("URI=\"seg1.0.m4s\",INDEPENDENT=YES\n", playlist, StringComparison.Ordinal);
            var master = await _host.GetTextAsync($"{prefix}/playlist.m3u8");
            Assert.Contains("CODECS=\"avc1.", master, StringComparison.Ordinal);
            Assert.Contains("mp4a.40.2\"", master, StringComparison.Ordinal);

            var packaging = packager.Find(room, session)!;
            var generation = packaging.Generation;
            using (var ffmpeg = Process.GetProcessById(packaging.ProcessId!.Value))
            {
                ffmpeg.Kill();
            }

            playlist = await WaitForPlaylistAsync($"{prefix}/{ForwardedBroadcast.VariantId}/playlist.m3u8", p => p.Contains("#EXT-X-MAP:URI=\"init2.mp4\"", StringComparison.Ordinal));
            Assert.True(packaging.Generation > generation);
            Assert.Contains("#EXT-X-DISCONTINUITY\n", playlist, StringComparison.Ordinal);
            Assert.Equal(0, packaging.Broadcast.Refused);
        }
        finally
        {
            sender.Kill();
            await sender.WaitForExitAsync();
        }

        await packager.StopAsync(new MediaRoom(room, false), session);
        Assert.Null(packager.Find(room, session));
        var ended = await _host.GetTextAsync($"{prefix}/{ForwardedBroadcast.VariantId}/playlist.m3u8");
        Assert.EndsWith("#EXT-X-ENDLIST\n", ended, StringComparison.Ordinal);

        var url = new Uri(_host.Host.BaseUri, $"live/{session}/{room}/playlist.m3u8").ToString();
        var output = await Task.Run(() => ExternalProcess.Run(ExternalProcess.Require("/usr/bin/ffprobe", "ffmpeg"),
            "-v", "error", "-count_frames", "-show_entries", "stream=codec_type,codec_name,width,height,nb_read_frames", "-of", "json", url));
        var streams = JsonNode.Parse(output)!["streams"]!.AsArray();
        var video = streams.First(s => (string)s!["codec_type"]! == "video")!;
        Assert.Equal("h264", (string)video["codec_name"]!);
        Assert.Equal(160, (int)video["width"]!);
        Assert.True(int.Parse((string)video["nb_read_frames"]!, CultureInfo.InvariantCulture) >= 45, output);
        Assert.Contains(streams, s => (string)s!["codec_type"]! == "audio" && (string)s["codec_name"]! == "aac");
    }

    // Follows the live playlist with blocking reloads (each for the segment after the newest one) until
    // it satisfies `done`. Before the first upload there is nothing to block on, so that phase polls.
    private async Task<string> WaitForPlaylistAsync(string path, Func<string, bool> done)
    {
        using var deadline = new CancellationTokenSource(Patience);
        string? last = null;
        while (true)
        {
            var query = last is null ? path : $"{path}?_HLS_msn={NextMsn(last).ToString(CultureInfo.InvariantCulture)}";
            using var response = await _host.Http.GetAsync(query, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            if ((int)response.StatusCode == 200)
            {
                last = text;
                if (done(text))
                {
                    return text;
                }
            }
            else if ((int)response.StatusCode == 404)
            {
                await Task.Delay(200, deadline.Token);
            }
            else if ((int)response.StatusCode != 503)
            {
                Assert.Fail($"GET {query} answered {(int)response.StatusCode}: {text}");
            }
        }
    }

    private static long NextMsn(string playlist)
    {
        var lines = playlist.Split('\n');
        var sequence = long.Parse(lines.First(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture);
        return sequence + lines.Count(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal));
    }
}
