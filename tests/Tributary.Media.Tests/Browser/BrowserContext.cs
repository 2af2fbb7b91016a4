using Tributary.Testing.Media;

namespace Tributary.Media.Tests.Browser;

/// <summary>What a failing browser test reports: every page's signals and the end of the server's output.</summary>
internal static class BrowserContext
{
    public static Func<Task<string>> Of(NamespacedServer server, params RoomPage[] pages) => async () =>
    {
        var logs = new List<string>();
        foreach (var page in pages)
        {
            try
            {
                logs.Add(await page.LogAsync());
            }
            catch (Microsoft.Playwright.PlaywrightException e)
            {
                logs.Add($"{page.Name}: {e.Message}");
            }
        }

        var output = server.Output.Split('\n');
        return string.Join('\n', logs) + "\nserver output (last 300 lines):\n" + string.Join('\n', output.TakeLast(300));
    };
}
