using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Rooms.Tests.EndToEnd;

/// <summary>
/// A real p2p call: the server and two headless Debian Chromium pages (fake cameras) inside one network
/// namespace; the pages JOIN through /signal, exchange OFFER/ANSWER/ICE through it, and each decodes the
/// other's video.
/// </summary>
public sealed class P2pCallBrowserTests
{
    [Fact]
    public async Task Two_browsers_set_up_a_p2p_call_through_signal_and_decode_each_others_video()
    {
        using var ns = NetworkNamespace.Create();
        await using var server = await NamespacedServer.StartAsync(ns, roles: "edge");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await NamespacedChromium.LaunchAsync(playwright, ns, server.DataDir);
            var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "call.html"));
            var caller = await NamespacedChromium.OpenPageAsync(browser, server, html, "caller");
            var callee = await NamespacedChromium.OpenPageAsync(browser, server, html, "callee");

            var alice = await server.CreateUserAsync("alice");
            var bob = await server.CreateUserAsync("bob");
            var rid = Guid.NewGuid().ToString();

            var callerRole = await caller.EvaluateAsync<string>("a => window.call(a)", new { server = server.Origin, token = server.IssueToken(alice), userId = alice, sessionId = Guid.NewGuid().ToString(), rid, create = true });
            var calleeRole = await callee.EvaluateAsync<string>("a => window.call(a)", new { server = server.Origin, token = server.IssueToken(bob), userId = bob, sessionId = Guid.NewGuid().ToString(), rid, create = false });

            Assert.Equal("admin", callerRole);
            Assert.Equal("publisher", calleeRole);
            var callerFrames = await WaitForFramesAsync(caller);
            var calleeFrames = await WaitForFramesAsync(callee);
            Assert.True(callerFrames > 0 && calleeFrames > 0, $"frames decoded: caller {callerFrames}, callee {calleeFrames}; caller saw {await LogAsync(caller)}; callee saw {await LogAsync(callee)}");
            Assert.Contains("OFFER", await LogAsync(caller), StringComparison.Ordinal);
            Assert.Contains("ANSWER", await LogAsync(callee), StringComparison.Ordinal);
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"browser call failed: {e.Message}\nserver output:\n{server.Output}", e);
        }
    }

    /// <summary>Polls the page's RTCPeerConnection stats until video frames were decoded (or 60 s pass).</summary>
    private static async Task<int> WaitForFramesAsync(IPage page)
    {
        var frames = 0;
        for (var i = 0; i < 120 && frames == 0; i++)
        {
            frames = await page.EvaluateAsync<int>("() => window.framesDecoded()");
            if (frames == 0)
            {
                await Task.Delay(500);
            }
        }

        return frames;
    }

    private static Task<string> LogAsync(IPage page) => page.EvaluateAsync<string>("() => window.log.join(', ')");
}
