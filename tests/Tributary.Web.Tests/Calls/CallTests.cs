using Microsoft.Playwright;

namespace Tributary.Web.Tests.Calls;

/// <summary>1:1 calls from a profile page: ringing through incomingCall, accept with video both ways, decline, missed.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CallTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_call_rings_is_accepted_and_both_sides_decode_video()
    {
        var (caller, callee) = await TwoUsersAsync();
        await CallAsync(caller, callee);

        var ring = callee.Page.GetByRole(AriaRole.Alertdialog);
        await ring.GetByText($"{caller.Fullname} is calling").WaitForAsync();
        await caller.Page.Locator("[data-testid=call-status]", new() { HasText = "Ringing…" }).WaitForAsync();
        await ring.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await callee.Page.WaitForURLAsync("**/call/**");

        await WaitForFrames(caller);
        await WaitForFrames(callee);
        await caller.Page.Locator("[data-testid=call-status]", new() { HasText = "In call" }).WaitForAsync();
        await callee.Page.Locator("[data-testid=call-status]", new() { HasText = "In call" }).WaitForAsync();
        await caller.Page.Context.CloseAsync();
        await callee.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_declined_call_tells_the_caller_and_closes_the_ringing()
    {
        var (caller, callee) = await TwoUsersAsync();
        await CallAsync(caller, callee);

        var ring = callee.Page.GetByRole(AriaRole.Alertdialog);
        await ring.GetByText($"{caller.Fullname} is calling").WaitForAsync();
        await ring.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await ring.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await caller.Page.Locator("[data-testid=call-status]", new() { HasText = "The call was declined." }).WaitForAsync();
        Assert.EndsWith("/feed", new Uri(callee.Page.Url).AbsolutePath, StringComparison.Ordinal);
        await caller.Page.Context.CloseAsync();
        await callee.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unanswered_call_shows_as_missed_on_both_sides()
    {
        var (caller, callee) = await TwoUsersAsync();
        await CallAsync(caller, callee);

        var ring = callee.Page.GetByRole(AriaRole.Alertdialog);
        await ring.GetByText($"{caller.Fullname} is calling").WaitForAsync();
        // Nobody answers: after Rooms:CalleeTimeout the server ends the call.
        await caller.Page.Locator("[data-testid=call-status]", new() { HasText = "No answer: the call was missed." }).WaitForAsync();
        await ring.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await callee.GotoAsync("/notifications");
        var missed = callee.Page.Locator("li[data-kind=MISSED_CALL]");
        await missed.WaitForAsync();
        Assert.Contains($"Missed call from {caller.Fullname}.", await missed.InnerTextAsync(), StringComparison.Ordinal);
        await caller.Page.Context.CloseAsync();
        await callee.Page.Context.CloseAsync();
    }

    private async Task<(AppPage Caller, AppPage Callee)> TwoUsersAsync()
    {
        var caller = await fixture.OpenAsync("caller");
        var callee = await fixture.OpenAsync("callee");
        await caller.SignUpAsync();
        await callee.SignUpAsync();
        return (caller, callee);
    }

    private static async Task CallAsync(AppPage caller, AppPage callee)
    {
        await caller.GotoAsync($"/u/{callee.UserId}");
        await caller.Page.GetByRole(AriaRole.Button, new() { Name = "Call" }).ClickAsync();
        await caller.Page.WaitForURLAsync("**/call/**");
    }

    private async Task WaitForFrames(AppPage page) =>
        await Eventually.WaitAsync(() => page.Page.EvaluateAsync<int>("() => window.tributary.callFrames ? window.tributary.callFrames() : 0"), n => n > 0, $"{page.Name}'s decoded frames", () => fixture.Server.Output);
}
