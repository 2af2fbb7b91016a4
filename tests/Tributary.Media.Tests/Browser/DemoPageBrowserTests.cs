using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tributary.Media.Tests.Browser;

/// <summary>The <c>/demo</c> page served by the server, driven as a person would (clicks), in two tabs.</summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class DemoPageBrowserTests(MediaBrowserFixture fixture, ITestOutputHelper output)
{
    // For each tile's rectangle of a screenshot: how many colours (16 levels per channel) it shows and which share
    // of it is the empty tile's background (#222). A live fake-camera picture (green field, moving pie, corner
    // squares, a counter) has several colours and no background; an empty tile is all background. Runs in the
    // page (a canvas decodes the PNG), so no image library is needed here.
    private const string TileColoursScript = """
        async ({ png, rects }) => {
          const image = new Image();
          image.src = 'data:image/png;base64,' + png;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width; canvas.height = image.height;
          const g = canvas.getContext('2d');
          g.drawImage(image, 0, 0);
          return rects.map(r => {
            const data = g.getImageData(r.x, r.y, Math.max(1, r.width), Math.max(1, r.height)).data;
            const colours = new Set();
            let samples = 0, background = 0;
            for (let i = 0; i < data.length; i += 4 * 7) {
              const key = (data[i] >> 4) + ',' + (data[i + 1] >> 4) + ',' + (data[i + 2] >> 4);
              colours.add(key);
              samples++;
              if (key === '2,2,2') { background++; }
            }
            return colours.size + ' ' + Math.round(100 * background / samples);
          });
        }
        """;

    [Fact]
    public async Task Two_tabs_of_the_demo_see_each_other_after_the_owner_accepts_a_raised_hand_and_switch_layers()
    {
        var a = await OpenTabAsync("alice");
        var b = await OpenTabAsync("bob");
        try
        {
            await SignUpAsync(a, "alice");
            await SignUpAsync(b, "bob");

            await a.SelectOptionAsync("#channel", "m2m");
            await a.ClickAsync("#create-button");
            await Expect(a, "#role", "You are admin.");
            var rid = await a.EvaluateAsync<string>("() => demo.rid");

            await b.FillAsync("#rid", rid);
            await b.ClickAsync("#join-button");
            await Expect(b, "#role", "You are viewer.");
            await b.ClickAsync("#hand-button");
            await a.ClickAsync("#requests button.accept", new PageClickOptions { Timeout = 90_000 });
            await Expect(b, "#role", "You are publisher.");

            // Each tab: its own camera and the other's, both playing.
            foreach (var tab in new[] { a, b })
            {
                await tab.WaitForFunctionAsync("() => demo.liveTiles() >= 2", null, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });
            }

            foreach (var (tab, name) in new[] { (a, "alice"), (b, "bob") })
            {
                var path = Path.Combine(Path.GetTempPath(), $"tributary-demo-{name}-{Guid.NewGuid():N}.png");
                var png = await tab.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                output.WriteLine($"{name}'s tab: {path}");
                var rects = new List<object>();
                foreach (var video in await tab.QuerySelectorAllAsync("figure video"))
                {
                    var box = await video.BoundingBoxAsync() ?? throw new InvalidOperationException("a tile without a box");
                    rects.Add(new { x = (int)box.X, y = (int)box.Y, width = (int)box.Width, height = (int)box.Height });
                }

                var tiles = (await tab.EvaluateAsync<string[]>(TileColoursScript, new { png = Convert.ToBase64String(png), rects }))
                    .Select(t => t.Split(' ').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToList();
                var described = string.Join("; ", tiles.Select(t => $"{t[0]} colours, {t[1]} % background"));
                output.WriteLine($"{name}'s tiles: {described}");
                Assert.True(tiles.Count == 2 && tiles.All(t => t[0] >= 3 && t[1] < 50), $"{name}'s screenshot does not show two live tiles: {described}");
                File.Delete(path);
            }

            // The layer menu of Alice's tile of Bob: low, then high.
            var bobTile = a.Locator("figure:not([data-id=self])");
            await bobTile.Locator("select.layer").SelectOptionAsync("l");
            await a.WaitForFunctionAsync("() => { const v = document.querySelector('figure:not([data-id=self]) video'); return v.videoWidth > 0 && v.videoWidth <= 240; }", null, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });
            await bobTile.Locator("select.layer").SelectOptionAsync("h");
            await a.WaitForFunctionAsync("() => document.querySelector('figure:not([data-id=self]) video').videoWidth > 240", null, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });
            Assert.DoesNotContain("error", await a.GetAttributeAsync("#status", "class") ?? string.Empty, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"demo failed: {e.Message}\nalice: {await a.EvaluateAsync<string>("() => demo.log.join(', ')")} / {await a.TextContentAsync("#status")}\nbob: {await b.EvaluateAsync<string>("() => demo.log.join(', ')")} / {await b.TextContentAsync("#status")}\n{await BrowserContext.Of(fixture.Server)()}",
                e);
        }
        finally
        {
            await a.Context.CloseAsync();
            await b.Context.CloseAsync();
        }
    }

    private async Task<IPage> OpenTabAsync(string name)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => fixture.Server.Note($"demo {name}: {m.Text}");
        await page.GotoAsync($"{fixture.Server.Origin}/demo");
        return page;
    }

    private static async Task SignUpAsync(IPage page, string name)
    {
        var username = name + Random.Shared.Next(100_000, 999_999);
        await page.FillAsync("#su-email", username + "@example.test");
        await page.FillAsync("#su-username", username);
        await page.FillAsync("#su-password", "correct horse battery");
        await page.ClickAsync("#signup-button");
        await page.WaitForSelectorAsync("#lobby:not([hidden])", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    private static Task Expect(IPage page, string selector, string text) =>
        page.WaitForFunctionAsync("a => document.querySelector(a.selector).textContent === a.text", new { selector, text }, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });
}
