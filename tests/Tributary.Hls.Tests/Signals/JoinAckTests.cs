using System.Text.Json;
using Dapper;
using Tributary.Client;
using Tributary.Data;

namespace Tributary.Hls.Tests.Signals;

// The p2m JOIN ack's es.hls.url (SIGNALING.md), over /signal with the real room grains.
public sealed class JoinAckTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() => _host = await HlsHost.StartAsync(realRooms: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task P2m_join_ack_carries_the_playlist_url_once_the_broadcast_exists_and_the_url_plays()
    {
        var publisher = await CreateUserAsync();
        var viewer = await CreateUserAsync();
        var room = Guid.NewGuid().ToString();
        await using var a = await ConnectAsync(publisher);
        await using var b = await ConnectAsync(viewer);
        var created = await a.JoinAsync(room, RoomChannel.P2m, create: true);
        Assert.True(created.IsSuccess, created.Json);
        Assert.False(created.Body.GetProperty("es").TryGetProperty("hls", out _), created.Json);

        var early = await b.JoinAsync(room, RoomChannel.P2m);
        Assert.True(early.IsSuccess, early.Json);
        Assert.False(early.Body.GetProperty("es").TryGetProperty("hls", out _), early.Json);

        await DataSignals.UploadSegmentsAsync(_host, publisher, room, 1);

        // A re-JOIN (the apps' watchdog) answers the current state, now with the URL.
        var rejoin = await b.JoinAsync(room, RoomChannel.P2m);
        Assert.True(rejoin.IsSuccess, rejoin.Json);
        var url = rejoin.Body.GetProperty("es").GetProperty("hls").GetProperty("url").GetString();
        Assert.Equal($"http://{_host.Host.BaseUri.Authority}/live/{publisher}/{room}/playlist.m3u8", url);

        using var response = await _host.Http.GetAsync(new Uri(url!));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("#EXTM3U\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The publisher's own re-JOIN gets it too; an m2m room never does.
        var own = await a.JoinAsync(room, RoomChannel.P2m);
        Assert.Equal(url, own.Body.GetProperty("es").GetProperty("hls").GetProperty("url").GetString());
        var m2m = await a.JoinAsync(Guid.NewGuid().ToString(), RoomChannel.M2m, create: true);
        Assert.True(m2m.IsSuccess, m2m.Json);
        Assert.False(m2m.Body.GetProperty("es").TryGetProperty("hls", out _), m2m.Json);
    }

    [Fact]
    public async Task P2m_join_ack_has_no_url_after_the_broadcast_ended()
    {
        var publisher = await CreateUserAsync();
        var viewer = await CreateUserAsync();
        var room = Guid.NewGuid().ToString();
        await using var a = await ConnectAsync(publisher);
        await using var b = await ConnectAsync(viewer);
        await a.JoinAsync(room, RoomChannel.P2m, create: true);
        await DataSignals.UploadSegmentsAsync(_host, publisher, room, 1);
        await _host.Grain(publisher, room).EndAsync();

        var join = await b.JoinAsync(room, RoomChannel.P2m);
        Assert.True(join.IsSuccess, join.Json);
        Assert.Equal(JsonValueKind.Object, join.Body.GetProperty("es").ValueKind);
        Assert.False(join.Body.GetProperty("es").TryGetProperty("hls", out _), join.Json);
    }

    private async Task<string> CreateUserAsync()
    {
        var id = Guid.NewGuid().ToString();
        var username = "u" + id[..8];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await _host.Host.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, username, username_normalized, fullname, avatar_url, created_at, updated_at) " +
            "VALUES (@id, @email, @email, @username, @username, @username, NULL, @now, @now)",
            new { id, email = username + "@example.org", username, now });
        return id;
    }

    private Task<SignalClient> ConnectAsync(string userId) =>
        SignalClient.ConnectAsync(_host.Host.BaseUri, _host.TokenFor(userId), new SignalSession(userId, Guid.NewGuid().ToString(), Host: "iOS"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false });
}
