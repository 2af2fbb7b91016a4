using Tributary.Data.AppRooms;
using Tributary.Data.Chat;
using Tributary.Hosting;
using Tributary.Rooms;
using Tributary.Testing;

namespace Tributary.Data.Tests.Chat;

public sealed class ChatStoreTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Messages_page_newest_first_and_deleted_ones_lose_their_text(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api);
        var (chat, database) = (host.GetRequiredService<ChatStore>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var room = await host.GetRequiredService<AppRoomStore>().CreateAsync(ada, RoomKind.M2m, "Chat", RoomAccess.Public, []);
        var sent = new List<ChatMessage>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await chat.SendAsync(room.Id, ada, $"hello {i}"));
        }

        Assert.True(await chat.DeleteAsync(sent[4].Id, ada));
        Assert.False(await chat.DeleteAsync(sent[4].Id, ada));
        var first = await chat.ListAsync(room.Id, 3, null);
        var second = await chat.ListAsync(room.Id, 3, first.Cursors[^1]);

        Assert.True(first.HasNextPage);
        Assert.False(second.HasNextPage);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(sent.Select(m => m.Id).Reverse(), all.Select(m => m.Id));
        Assert.True(all[0].Deleted);
        Assert.Equal(string.Empty, all[0].Body);
        Assert.Equal("hello 3", all[1].Body);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Reactions_are_counted_per_emoji(TestDatabase kind)
    {
        await using var host = await TributaryTestHost.StartAsync(kind, ServerRoles.Api);
        var (chat, database) = (host.GetRequiredService<ChatStore>(), host.GetRequiredService<Database>());
        var ada = await TestUsers.InsertAsync(database, "ada");
        var room = await host.GetRequiredService<AppRoomStore>().CreateAsync(ada, RoomKind.M2m, "Chat", RoomAccess.Public, []);

        await chat.ReactAsync(room.Id, "🔥");
        await chat.ReactAsync(room.Id, "🔥");
        var totals = await chat.ReactAsync(room.Id, "👏");

        Assert.Equal(2, totals["🔥"]);
        Assert.Equal(1, totals["👏"]);
    }
}
