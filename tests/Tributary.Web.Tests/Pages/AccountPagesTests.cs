using Microsoft.Playwright;

namespace Tributary.Web.Tests.Pages;

/// <summary>Sign up, sign in, people, profile and follow, notifications; every page at desktop and phone sizes.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AccountPagesTests(WebAppFixture fixture)
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 800), ("phone", 390, 844)];

    [Fact]
    public async Task Two_users_sign_up_and_one_follows_the_other_who_is_notified()
    {
        var ann = await fixture.OpenAsync("ann");
        var bob = await fixture.OpenAsync("bob");
        await ann.SignUpAsync();
        await bob.SignUpAsync();

        await ann.GotoAsync("/people");
        await ann.Page.GetByLabel("Username starts with").FillAsync(bob.Username);
        await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await ann.Page.GetByRole(AriaRole.Link, new() { Name = bob.Fullname }).ClickAsync();
        await ann.Page.GetByRole(AriaRole.Heading, new() { Name = bob.Fullname }).WaitForAsync();
        await ann.Page.GetByText("0 followers").WaitForAsync();
        await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();

        await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Unfollow" }).WaitForAsync();
        await ann.Page.GetByText("1 followers").WaitForAsync();
        Assert.Equal("true", await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Unfollow" }).GetAttributeAsync("aria-pressed"));

        // Bob is told: a toast through the notifications subscription, and the list on the notifications page.
        await bob.Page.Locator("#unread:not([hidden])").WaitForAsync();
        await bob.GotoAsync("/notifications");
        var item = bob.Page.Locator("li[data-kind=NEW_FOLLOWER]");
        await item.WaitForAsync();
        Assert.Contains($"{ann.Fullname} started following you.", await item.InnerTextAsync(), StringComparison.Ordinal);

        // Reloaded, Bob's profile as Ann sees it still says she follows him.
        await ann.Page.ReloadAsync();
        await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Unfollow" }).WaitForAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_words_and_stays_on_sign_in()
    {
        var cat = await fixture.OpenAsync("cat");
        await cat.SignUpAsync();
        await cat.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await cat.Page.WaitForURLAsync("**/signin");

        await cat.Page.GetByLabel("Email or username").FillAsync(cat.Username);
        await cat.Page.GetByLabel("Password").FillAsync("not the password");
        await cat.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var alert = cat.Page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        Assert.False(string.IsNullOrWhiteSpace(await alert.InnerTextAsync()));
        Assert.EndsWith("/signin", new Uri(cat.Page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Null(await cat.Page.EvaluateAsync<string?>("() => localStorage.getItem('tributary.session')"));

        await cat.Page.GetByLabel("Password").FillAsync("correct horse battery");
        await cat.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await cat.Page.WaitForURLAsync("**/feed");
    }

    [Fact]
    public async Task A_taken_username_is_refused_in_words_and_no_account_is_made()
    {
        var dan = await fixture.OpenAsync("dan");
        await dan.SignUpAsync();
        var eve = await fixture.OpenAsync("eve");
        await eve.GotoAsync("/signup");
        await eve.Page.GetByLabel("Email", new() { Exact = true }).FillAsync($"other-{dan.Username}@example.com");
        await eve.Page.GetByLabel("Username (3–30 letters, digits, _ or .)").FillAsync(dan.Username);
        await eve.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Eve");
        await eve.Page.GetByLabel("Password (at least 8 characters)").FillAsync("correct horse battery");
        await eve.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var alert = eve.Page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        Assert.Contains("username", (await alert.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.EndsWith("/signup", new Uri(eve.Page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Null(await eve.Page.EvaluateAsync<string?>("() => localStorage.getItem('tributary.session')"));
    }

    [Fact]
    public async Task Every_page_renders_its_elements_at_desktop_and_phone_sizes()
    {
        var host = await fixture.OpenAsync("host");
        await host.SignUpAsync();
        var roomId = await host.CreateRoomAsync("A2M", "Screenshot room");
        await host.WaitForStateAsync("joined");

        foreach (var (size, width, height) in Sizes)
        {
            var page = await fixture.OpenAsync($"shots{size}", width, height);
            await Check(page, "/signin", "signin", size, p => p.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }), p => p.GetByLabel("Email or username"), p => p.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
            await Check(page, "/signup", "signup", size, p => p.GetByRole(AriaRole.Heading, new() { Name = "Create your account" }), p => p.GetByLabel("Password (at least 8 characters)"));
            await page.SignUpAsync();
            await page.Page.Locator($"li[data-room-id='{roomId}']").WaitForAsync();
            await Check(page, "/feed", "feed", size, p => p.GetByRole(AriaRole.Heading, new() { Name = "Live now" }), p => p.GetByRole(AriaRole.Link, new() { Name = "Screenshot room" }), p => p.GetByRole(AriaRole.Navigation, new() { Name = "Main" }));
            await Check(page, $"/u/{host.UserId}", "profile", size, p => p.GetByRole(AriaRole.Heading, new() { Name = host.Fullname }), p => p.GetByRole(AriaRole.Button, new() { Name = "Follow" }), p => p.GetByRole(AriaRole.Button, new() { Name = "Call" }));
            await Check(page, "/people", "people", size, p => p.GetByRole(AriaRole.Search), p => p.GetByLabel("Username starts with"));
            await Check(page, "/rooms/new", "new-room", size, p => p.GetByRole(AriaRole.Heading, new() { Name = "Start a room" }), p => p.GetByLabel("Kind"), p => p.GetByLabel("Who can join"));
            await Check(page, "/notifications", "notifications", size, p => p.GetByRole(AriaRole.Heading, new() { Name = "Notifications" }));
            await Check(page, $"/rooms/{roomId}", "room", size,
                p => p.GetByRole(AriaRole.Heading, new() { Name = "Screenshot room" }),
                p => p.Locator("[data-testid=connection-state][data-state=joined]"),
                p => p.GetByRole(AriaRole.Button, new() { Name = "Raise hand" }),
                p => p.GetByLabel("Message", new() { Exact = true }),
                p => p.GetByRole(AriaRole.Button, new() { Name = "React 🔥 (0 so far)" }));
            await Check(page, "/no/such/page", "not-found", size, p => p.GetByRole(AriaRole.Heading, new() { Name = "Page not found" }));
            await page.Page.Context.CloseAsync();
        }
    }

    /// <summary>Opens <paramref name="path"/>, waits for each element to be visible and inside the viewport's width, and saves a screenshot.</summary>
    private async Task Check(AppPage page, string path, string name, string size, params Func<IPage, ILocator>[] elements)
    {
        await page.GotoAsync(path);
        var width = page.Page.ViewportSize!.Width;
        foreach (var element in elements)
        {
            var locator = element(page.Page).First;
            await locator.WaitForAsync(new() { State = WaitForSelectorState.Visible });
            var box = await locator.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width + 1, $"{path} at {size}: {locator} is outside the {width}px viewport ({box?.X}, {box?.Width})");
        }

        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{path} at {size} scrolls sideways by {overflow}px");
        await page.ScreenshotAsync(Path.Combine(fixture.Screenshots, $"{name}-{size}.png"));
    }
}
