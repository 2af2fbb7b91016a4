using Dapper;
using Tributary.Client;
using Tributary.Data;

namespace Tributary.Hls.Tests.Signals;

// The publisher check against the real room directory (room grains), with rooms made over /signal.
public sealed class PublisherCheckTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() => _host = await HlsHost.StartAsync(["--Hls:RoomCheckInterval=00:00:00.100"], realRooms: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Only_the_p2m_publisher_who_joined_over_signal_may_upload_and_leaving_ends_the_broadcast()
    {
        var publisher = await CreateUserAsync();
        var viewer = await CreateUserAsync();
        var room = Guid.NewGuid().ToString();
        await using var a = await ConnectAsync(publisher);
        await using var b = await ConnectAsync(viewer);
        await a.JoinAsync(room, RoomChannel.P2m, create: true);
        await b.JoinAsync(room, RoomChannel.P2m);

        await DataSignals.UploadSegmentsAsync(_host, publisher, room, 1);
        var (status, json) = await _host.PostAsync(viewer, DataSignals.Part(room, 1, 0));
        Assert.Equal(403, status);
        Assert.Equal($"you are not the publisher of room {room}", (string)json["b"]!["msg"]!);
        Assert.Equal(0, (await _host.Grain(viewer, room).GetStatusAsync()).Tracks);

        var held = _host.Http.GetAsync($"/live/{publisher}/{room}/v0/playlist.m3u8?_HLS_msn=1");
        await a.LeaveAsync(room);

        using var response = await held;
        Assert.EndsWith("#EXT-X-ENDLIST\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (after, _) = await _host.PostAsync(publisher, DataSignals.Part(room, 1, 0));
        Assert.Equal(403, after);
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
