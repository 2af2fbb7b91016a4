using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Tributary.Auth;
using Tributary.Data;
using Tributary.Hosting;
using Tributary.Testing.Media;

namespace Tributary.Rooms.Tests.EndToEnd;

/// <summary>
/// A real p2p call: the server and two headless Debian Chromium pages (fake cameras) inside one network
/// namespace; the pages JOIN through /signal, exchange OFFER/ANSWER/ICE through it, and each decodes the
/// other's video.
/// </summary>
public sealed class P2pCallBrowserTests
{
    private const int Port = 18080;

    [Fact]
    public async Task Two_browsers_set_up_a_p2p_call_through_signal_and_decode_each_others_video()
    {
        using var ns = NetworkNamespace.Create();
        var dataDir = Directory.CreateTempSubdirectory("tributary-e2e-").FullName;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var output = new StringBuilder();
        using var server = StartServer(ns, dataDir, key, output);
        var chromium = WriteChromiumWrapper(ns, dataDir);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
            });
            var origin = $"http://127.0.0.1:{Port}";
            var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "call.html"));
            var caller = await OpenPageAsync(browser);
            var callee = await OpenPageAsync(browser);
            foreach (var page in new[] { caller, callee })
            {
                page.Console += (_, m) => { lock (output) { output.AppendLine("page: " + m.Text); } };
            }

            await WaitForServerAsync(caller, origin, server, output);
            // The page's document comes from the server (loopback address space, secure origin): Chromium's
            // local-network-access checks then allow its WebSocket to the same server.
            foreach (var page in new[] { caller, callee })
            {
                await page.GotoAsync($"{origin}/healthz");
                await page.SetContentAsync(html);
            }

            var tokens = new AccessTokens(
                Options.Create(new TokenOptions { SigningKey = key }),
                Options.Create(new ServerOptions { DataDir = dataDir }),
                TimeProvider.System);
            var alice = await CreateUserAsync(dataDir, "alice");
            var bob = await CreateUserAsync(dataDir, "bob");
            var rid = Guid.NewGuid().ToString();

            var callerRole = await caller.EvaluateAsync<string>("a => window.call(a)", new { server = origin, token = tokens.Issue(alice).Token, userId = alice, sessionId = Guid.NewGuid().ToString(), rid, create = true });
            var calleeRole = await callee.EvaluateAsync<string>("a => window.call(a)", new { server = origin, token = tokens.Issue(bob).Token, userId = bob, sessionId = Guid.NewGuid().ToString(), rid, create = false });

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
            lock (output)
            {
                throw new InvalidOperationException($"browser call failed: {e.Message}\nserver output:\n{output}", e);
            }
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(true);
                await server.WaitForExitAsync();
            }

            try
            {
                Directory.Delete(dataDir, true);
            }
            catch (IOException)
            {
                // /tmp is cleaned eventually.
            }
        }
    }

    private static Process StartServer(NetworkNamespace ns, string dataDir, string key, StringBuilder output)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "netns", "exec", ns.Name, "dotnet", Path.Combine(AppContext.BaseDirectory, "tributary.dll"), "serve",
            "--roles", "edge", "--urls", $"http://127.0.0.1:{Port}", "--data-dir", dataDir, "--environment", "Development",
            $"--Auth:SigningKey={key}", "--Logging:LogLevel:Tributary=Debug",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Playwright starts "Chromium"; this runs Debian's inside the namespace (it talks to Playwright over a pipe).</summary>
    private static string WriteChromiumWrapper(NetworkNamespace ns, string dataDir)
    {
        const string binary = "/usr/bin/chromium";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("Debian package chromium is required (/usr/bin/chromium)");
        }

        var path = Path.Combine(dataDir, "chromium-in-netns");
        File.WriteAllText(path, $"#!/bin/sh\nexec ip netns exec {ns.Name} {binary} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>One browser context per user.</summary>
    private static async Task<IPage> OpenPageAsync(IBrowser browser) => await (await browser.NewContextAsync()).NewPageAsync();

    private static async Task WaitForServerAsync(IPage page, string origin, Process server, StringBuilder output)
    {
        for (var i = 0; i < 240; i++)
        {
            if (server.HasExited)
            {
                break;
            }

            try
            {
                var response = await page.GotoAsync($"{origin}/readyz");
                if (response?.Status == 200)
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        lock (output)
        {
            Assert.Fail($"the server in the namespace did not become ready:\n{output}");
        }
    }

    private static async Task<string> CreateUserAsync(string dataDir, string username)
    {
        var id = Guid.NewGuid().ToString();
        var database = Database.Create(null, dataDir);
        await using (database)
        {
            await using var connection = await database.OpenAsync();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(
                "INSERT INTO users (id, email, email_normalized, username, username_normalized, fullname, created_at, updated_at) VALUES (@id, @email, @email, @username, @username, @username, @now, @now)",
                new { id, email = $"{username}-{id[..8]}@example.org", username = $"{username}-{id[..8]}", now });
        }

        return id;
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
