using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Web.Tests;

/// <summary>One person using the web app in their own browser context: what they click and what the test reads.</summary>
public sealed class AppPage(IPage page, NamespacedServer server, string name)
{
    public IPage Page { get; } = page;

    public string Name { get; } = name;

    /// <summary>Set by <see cref="SignUpAsync"/>: unique per test run.</summary>
    public string Username { get; private set; } = string.Empty;

    public string UserId { get; private set; } = string.Empty;

    public string Fullname => $"{char.ToUpperInvariant(Name[0])}{Name[1..]} Tester";

    public Task GotoAsync(string path) => Page.GotoAsync(server.Origin + path);

    /// <summary>Signs up through the sign-up page and lands on the feed.</summary>
    public async Task SignUpAsync()
    {
        Username = $"{Name}_{Guid.NewGuid().ToString("N")[..8]}";
        await GotoAsync("/signup");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync($"{Username}@example.com");
        await Page.GetByLabel("Username (3–30 letters, digits, _ or .)").FillAsync(Username);
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(Fullname);
        await Page.GetByLabel("Password (at least 8 characters)").FillAsync("correct horse battery");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Page.WaitForURLAsync("**/feed");
        var stored = await Page.EvaluateAsync<string>("() => localStorage.getItem('tributary.session')");
        using var json = JsonDocument.Parse(stored);
        UserId = json.RootElement.GetProperty("user").GetProperty("id").GetString()!;
    }

    /// <summary>Creates a room through the "Start a room" page and lands in it; returns its id.</summary>
    public async Task<string> CreateRoomAsync(string type, string title)
    {
        await GotoAsync($"/rooms/new?type={type}");
        await Page.GetByLabel("Title").FillAsync(title);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create and join" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/rooms/", StringComparison.Ordinal) && !url.EndsWith("/new", StringComparison.Ordinal) && !url.Contains("?type", StringComparison.Ordinal));
        return Page.Url.Split("/rooms/")[1];
    }

    /// <summary>The connection state the room page shows (the watchdog's state).</summary>
    public Task<string?> StateAsync() => Page.Locator("[data-testid=connection-state]").GetAttributeAsync("data-state");

    public Task WaitForStateAsync(string state) =>
        Page.Locator($"[data-testid=connection-state][data-state={state}]").WaitForAsync();

    public Task WaitForTextAsync(string text) => Page.GetByText(text).First.WaitForAsync();

    /// <summary>Remote tiles on the room page that show a decoded picture.</summary>
    public Task<int> LiveTilesAsync() => Page.EvaluateAsync<int>("() => window.tributary.room ? window.tributary.room.liveTiles() : 0");

    /// <summary>Names on the remote tiles with a decoded picture.</summary>
    public Task<string[]> LiveTileUsersAsync() =>
        Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('figure.remote')].filter(f => f.querySelector('video').videoWidth > 0).map(f => f.dataset.user)");

    public Task ScreenshotAsync(string path) => Page.ScreenshotAsync(new() { Path = path, FullPage = false });
}
