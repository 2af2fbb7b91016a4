using Microsoft.Playwright;

namespace Tributary.Testing.Media;

/// <summary>
/// Debian's Chromium (never a downloaded one) run by Playwright inside a <see cref="NetworkNamespace"/>: Playwright
/// starts a wrapper script that enters the namespace and execs <c>/usr/bin/chromium</c> (it talks to Playwright over
/// a pipe, so no port crosses the namespace). Fake camera and microphone flags are always on (MEDIA-TESTING.md).
/// The calling test project must reference Microsoft.Playwright itself.
/// </summary>
public static class NamespacedChromium
{
    /// <summary>The browser binary (Debian package <c>chromium</c>).</summary>
    public const string Binary = "/usr/bin/chromium";

    /// <summary>
    /// Launches headless Chromium in <paramref name="ns"/>; the wrapper script is written into
    /// <paramref name="folder"/>. <paramref name="extraArgs"/> are added to the fake-media flags (e.g.
    /// <c>--use-file-for-fake-video-capture=…</c>).
    /// </summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, NetworkNamespace ns, string folder, IEnumerable<string>? extraArgs = null)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = WriteWrapper(ns, folder),
            Headless = true,
            Args = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", .. extraArgs ?? []],
            Timeout = 120_000,
        });
    }

    /// <summary>Writes the script that runs Chromium inside the namespace; returns its path.</summary>
    public static string WriteWrapper(NetworkNamespace ns, string folder)
    {
        ArgumentNullException.ThrowIfNull(ns);
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("Debian package chromium is required (/usr/bin/chromium)");
        }

        var path = Path.Combine(folder, "chromium-in-" + ns.Name);
        File.WriteAllText(path, $"#!/bin/sh\nexec ip netns exec {ns.Name} {Binary} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>
    /// Opens a page (own browser context, i.e. own user) showing <paramref name="html"/> with the server's origin:
    /// the document is loaded from <c>/healthz</c> and then replaced, because Chromium blocks WebSockets from pages
    /// that Playwright injects through route interception (local-network-access checks). Console lines go to the
    /// server's output prefixed with <paramref name="name"/>.
    /// </summary>
    public static async Task<IPage> OpenPageAsync(IBrowser browser, NamespacedServer server, string html, string name)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(server);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, m) => server.Note($"page {name}: {m.Text}");
        page.PageError += (_, e) => server.Note($"page {name} error: {e}");
        await page.GotoAsync($"{server.Origin}/healthz");
        await page.SetContentAsync(html);
        return page;
    }
}
