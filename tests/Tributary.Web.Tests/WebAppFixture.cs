using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Web.Tests;

/// <summary>
/// One network namespace holding the real server (all roles, Janus on the namespace's address, the web app from the
/// repository's <c>web/dist</c>) and one headless Debian Chromium with fake camera and microphone, shared by the
/// browser tests; each test signs up its own users. The app is loaded from the server itself (never injected).
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The p2p callee timeout the server runs with, so the missed-call test does not wait 30 s.</summary>
    public static readonly TimeSpan CalleeTimeout = TimeSpan.FromSeconds(8);

    private NetworkNamespace? _ns;
    private IPlaywright? _playwright;

    public NamespacedServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots of this run go (under the test output folder).</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var root = WebBuild.Root();
        Directory.CreateDirectory(Screenshots);
        _ns = NetworkNamespace.Create();
        Server = await NamespacedServer.StartAsync(_ns, "all",
        [
            .. NamespacedServer.JanusArgs,
            $"--WebApp:Root={root}",
            $"--Rooms:CalleeTimeout={CalleeTimeout}",
            // Up to four Chromium pages, Janus and the server share a loaded 2-core machine: a page's 3 s heartbeats can
            // stall past the default 10 s, which would drop a member mid-test. Presence expiry is not under test here.
            "--Rooms:PresenceTimeout=00:00:30",
            // Every page signs up from 127.0.0.1: the per-address sign-in limit is not under test here.
            "--Accounts:AttemptsPerAddress=10000",
            // The studio test pushes to an nginx-rtmp on the namespace's loopback.
            "--Studio:AllowPrivateAddresses=true",
        ]);
        _playwright = await Playwright.CreateAsync();
        Browser = await NamespacedChromium.LaunchAsync(_playwright, _ns, Server.DataDir, ["--autoplay-policy=no-user-gesture-required"]);
    }

    /// <summary>A new browser context (its own storage: one signed-in user) at the given viewport.</summary>
    public async Task<AppPage> OpenAsync(string name, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        page.Console += (_, m) => Server.Note($"page {name}: {m.Text}");
        page.PageError += (_, e) => Server.Note($"page {name} error: {e}");
        return new AppPage(page, Server, name);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _ns?.Dispose();
    }
}
