using Microsoft.Playwright;

namespace Tributary.Web.Tests.Rooms;

/// <summary>Chat and reactions in a room reach every member's page through the subscriptions.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ChatTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Chat_messages_and_reactions_reach_everyone_in_the_room()
    {
        var host = await fixture.OpenAsync("host");
        var guest = await fixture.OpenAsync("guest");
        var third = await fixture.OpenAsync("third");
        foreach (var p in new[] { host, guest, third })
        {
            await p.SignUpAsync();
        }

        var roomId = await host.CreateRoomAsync("A2M", "Chat room");
        await host.WaitForStateAsync("joined");
        foreach (var p in new[] { guest, third })
        {
            await p.GotoAsync($"/rooms/{roomId}");
            await p.WaitForStateAsync("joined");
        }

        await guest.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("hello from the guest");
        await guest.Page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await host.Page.Locator("ol.messages li", new() { HasText = $"{guest.Fullname}: hello from the guest" }).WaitForAsync();
        await third.Page.Locator("ol.messages li", new() { HasText = $"{guest.Fullname}: hello from the guest" }).WaitForAsync();
        await guest.Page.Locator("ol.messages li", new() { HasText = "You: hello from the guest" }).WaitForAsync();

        await host.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("welcome");
        await host.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await third.Page.Locator("ol.messages li", new() { HasText = $"{host.Fullname}: welcome" }).WaitForAsync();

        await third.Page.GetByRole(AriaRole.Button, new() { Name = "React 🔥 (0 so far)" }).ClickAsync();
        foreach (var p in new[] { host, guest, third })
        {
            await p.Page.GetByRole(AriaRole.Button, new() { Name = "React 🔥 (1 so far)" }).WaitForAsync();
        }

        await host.Page.Locator("[data-testid=last-reaction]", new() { HasText = $"@{third.Username} reacted 🔥" }).WaitForAsync();

        // A message the server refuses (over 500 characters after trimming is impossible from the input's maxlength;
        // whitespace only is empty after trimming) is shown in words and not delivered.
        await guest.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("   ");
        await guest.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var alert = guest.Page.Locator("section.chat [role=alert]");
        await alert.WaitForAsync();
        Assert.False(string.IsNullOrWhiteSpace(await alert.InnerTextAsync()));
        Assert.Equal(2, await host.Page.Locator("ol.messages li").CountAsync());
        Assert.Equal(2, await guest.Page.Locator("ol.messages li").CountAsync());

        // A newcomer reads the history.
        var late = await fixture.OpenAsync("late");
        await late.SignUpAsync();
        await late.GotoAsync($"/rooms/{roomId}");
        await late.Page.Locator("ol.messages li", new() { HasText = $"{guest.Fullname}: hello from the guest" }).WaitForAsync();
        await late.Page.Locator("ol.messages li", new() { HasText = $"{host.Fullname}: welcome" }).WaitForAsync();
        foreach (var p in new[] { host, guest, third, late })
        {
            await p.Page.Context.CloseAsync();
        }
    }
}
