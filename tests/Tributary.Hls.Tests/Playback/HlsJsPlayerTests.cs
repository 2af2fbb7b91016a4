using Microsoft.Playwright;
using Tributary.Hls.Tests.Ingest;

namespace Tributary.Hls.Tests.Playback;

public sealed class HlsJsPlayerTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() => _host = await HlsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Hlsjs_in_headless_chromium_plays_a_live_upload_in_low_latency_mode_and_current_time_advances()
    {
        var broadcaster = await TestBroadcaster.CreateAsync(20);
        var (user, room) = _host.NewBroadcast();
        // Two seconds up front, as a phone that has been live for a moment; the rest in real time.
        await broadcaster.UploadAsync(_host, user, room, toSegment: 2);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Testing.Servers.ExternalProcess.Require("/usr/bin/chromium", "chromium"),
            Headless = true,
            Args = ["--autoplay-policy=no-user-gesture-required", "--no-sandbox"],
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Kept for the failure message: when playback stalls, the request timeline shows why.
        page.Request += (_, r) => requests.Enqueue($"{watch.ElapsedMilliseconds} > {new Uri(r.Url).PathAndQuery}");
        page.RequestFinished += (_, r) => requests.Enqueue($"{watch.ElapsedMilliseconds} < {new Uri(r.Url).PathAndQuery}");
        page.RequestFailed += (_, r) => requests.Enqueue($"{watch.ElapsedMilliseconds} X {r.Url} {r.Failure}");
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };

        // The player page is served on the server's own origin by the browser driver, so hls.js's
        // requests are same-origin and nothing but the real server answers them.
        var origin = _host.Host.BaseUri;
        await page.RouteAsync(new Uri(origin, "player.html").ToString(), r => r.FulfillAsync(new() { ContentType = "text/html", Body = PlayerPage($"/live/{user}/{room}/playlist.m3u8") }));
        await page.RouteAsync(new Uri(origin, "hls.min.js").ToString(), r => r.FulfillAsync(new() { ContentType = "application/javascript", Path = HlsJsPath() }));
        // The phone keeps uploading in real time while the viewer watches.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var live = broadcaster.UploadAsync(_host, user, room, fromSegment: 2, pace: async part =>
        {
            var due = TimeSpan.FromMilliseconds(250 * part) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, stop.Token);
            }
        });

        await page.GotoAsync(new Uri(origin, "player.html").ToString());

        var supported = await page.EvaluateAsync<bool>($"() => MediaSource.isTypeSupported('video/mp4; codecs=\"{broadcaster.Init.Codecs}\"')");
        Assert.True(supported, $"this Chromium cannot play {broadcaster.Init.Codecs}");
        try
        {
            await page.WaitForFunctionAsync("() => window.t0 !== undefined && document.getElementById('v').currentTime > window.t0 + 2", null, new() { Timeout = 40_000 });
        }
        catch (TimeoutException)
        {
            var log = await page.EvaluateAsync<string>("() => JSON.stringify({ t: document.getElementById('v').currentTime, rs: document.getElementById('v').readyState, buffered: Array.from({length: document.getElementById('v').buffered.length}, (_, i) => [document.getElementById('v').buffered.start(i), document.getElementById('v').buffered.end(i)]), fatal: window.fatal, log: window.log })");
            Assert.Fail($"hls.js did not play: {log} console: {string.Join(" | ", errors)} requests: {string.Join("\n", requests.TakeLast(80))}");
        }

        var state = await page.EvaluateAsync<string>("() => JSON.stringify({ t: document.getElementById('v').currentTime, fatal: window.fatal, lowLatency: window.lowLatency })");
        Assert.Contains("\"lowLatency\":true", state, StringComparison.Ordinal);
        Assert.DoesNotContain("\"fatal\":\"", state, StringComparison.Ordinal);
        await stop.CancelAsync();
        try
        {
            await live;
        }
        catch (OperationCanceledException)
        {
            // The phone stops when the test has seen enough.
        }
    }

    private static string PlayerPage(string playlist) => $$"""
        <!doctype html>
        <video id="v" muted autoplay playsinline></video>
        <script src="/hls.min.js"></script>
        <script>
          const v = document.getElementById('v');
          const hls = new Hls({ lowLatencyMode: true });
          window.log = [];
          hls.on(Hls.Events.ERROR, (e, d) => { window.log.push('error ' + d.details + ' ' + d.fatal); if (d.fatal) window.fatal = d.type + ' ' + d.details; });
          hls.on(Hls.Events.FRAG_LOADED, (e, d) => { if (window.log.length < 60) window.log.push('frag ' + d.frag.sn + (d.part ? '.' + d.part.index : '')); });
          hls.on(Hls.Events.LEVEL_LOADED, (e, d) => { window.lowLatency = d.details.canBlockReload && d.details.partList !== null; });
          v.addEventListener('playing', () => { if (window.t0 === undefined) window.t0 = v.currentTime; });
          hls.loadSource('{{playlist}}');
          hls.attachMedia(v);
        </script>
        """;

    // scripts/test installs tests/Tributary.Hls.Tests/js (package.json pins hls.js 1.7.4).
    private static string HlsJsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "js", "node_modules", "hls.js", "dist", "hls.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("hls.js is not installed: run npm install in tests/Tributary.Hls.Tests/js (scripts/test does).");
    }
}
