using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Media.Tests.Browser;

/// <summary>
/// One network namespace holding the real server (all roles, Janus on the namespace's address) and one headless
/// Debian Chromium, shared by the browser tests; each test makes its own room and pages.
/// </summary>
public sealed class MediaBrowserFixture : IAsyncLifetime
{
    private NetworkNamespace? _ns;
    private IPlaywright? _playwright;

    public NamespacedServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The server's Janus, read through its admin API (what Janus really holds).</summary>
    public NamespacedJanusAdmin Janus { get; } = new();

    public string Html { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "room.html"));

    public async Task InitializeAsync()
    {
        _ns = NetworkNamespace.Create();
        Server = await NamespacedServer.StartAsync(_ns, "all", [.. NamespacedServer.JanusArgs, .. Janus.Args]);
        Janus.Attach(Server);
        _playwright = await Playwright.CreateAsync();
        Browser = await NamespacedChromium.LaunchAsync(_playwright, _ns, Server.DataDir);
    }

    /// <summary>A page for a new user, showing the test client (<c>room.html</c>) from the server's origin.</summary>
    public async Task<RoomPage> OpenAsync(string name)
    {
        var userId = await Server.CreateUserAsync(name);
        var page = await NamespacedChromium.OpenPageAsync(Browser, Server, Html, name);
        return new RoomPage(page, Server, name, userId, Guid.NewGuid().ToString());
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
