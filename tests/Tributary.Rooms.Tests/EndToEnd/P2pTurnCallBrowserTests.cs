using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Rooms.Tests.EndToEnd;

/// <summary>
/// A p2p call forced through TURN: coturn (shared-secret REST auth) and the server run in one network namespace,
/// the server mints TURN credentials into each JOIN ack, and two Chromium pages with
/// <c>iceTransportPolicy: 'relay'</c> can only reach each other through coturn with those credentials.
/// </summary>
public sealed class P2pTurnCallBrowserTests
{
    [Fact]
    public async Task Two_browsers_with_relay_only_policy_reach_each_other_through_coturn_with_the_minted_credentials()
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using var ns = NetworkNamespace.Create();
        using var coturn = await CoturnServer.StartAsync(ns, secret);
        await using var server = await NamespacedServer.StartAsync(ns, roles: "edge", args: [$"--Rooms:Turn:SharedSecret={secret}", $"--Rooms:Turn:Urls:0={CoturnServer.Url}"]);
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

            await caller.EvaluateAsync<string>("a => window.call(a)", new { server = server.Origin, token = server.IssueToken(alice), userId = alice, sessionId = Guid.NewGuid().ToString(), rid, create = true, relay = true });
            await callee.EvaluateAsync<string>("a => window.call(a)", new { server = server.Origin, token = server.IssueToken(bob), userId = bob, sessionId = Guid.NewGuid().ToString(), rid, create = false, relay = true });

            var callerFrames = await WaitForFramesAsync(caller);
            var calleeFrames = await WaitForFramesAsync(callee);
            var failure = $"caller saw {await LogAsync(caller)}; callee saw {await LogAsync(callee)}\ncoturn:\n{coturn.Output}\nserver:\n{server.Output}";
            Assert.True(callerFrames > 0 && calleeFrames > 0, $"frames decoded: caller {callerFrames}, callee {calleeFrames}; {failure}");
            // Only relay candidates exist on either side, and coturn accepted each user's minted credentials.
            Assert.Equal("relay/relay", await caller.EvaluateAsync<string>("() => window.selectedPair()"));
            Assert.Equal("relay/relay", await callee.EvaluateAsync<string>("() => window.selectedPair()"));
            foreach (var user in new[] { alice, bob })
            {
                Assert.Matches(new Regex($@"user <\d+:{Regex.Escape(user)}>: incoming packet ALLOCATE processed, success"), coturn.Output);
            }
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"browser call failed: {e.Message}\ncoturn:\n{coturn.Output}\nserver output:\n{server.Output}", e);
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
