using System.Net.WebSockets;
using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Gateway;

/// <summary>Keepalive and the per-socket rate limit, on a server configured with small values.</summary>
public sealed class GatewayLimitsTests : IClassFixture<GatewayLimitsTests.LimitsHost>
{
    private readonly RoomsHost _rooms;

    public GatewayLimitsTests(LimitsHost rooms) => _rooms = rooms.Rooms;

    [Fact]
    public async Task An_idle_socket_gets_KEEPALIVE()
    {
        var user = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(user);

        var keepAlive = await a.WaitForAsync(m => m.Signal == "KEEPALIVE", TimeSpan.FromSeconds(30));

        Assert.Equal(200, keepAlive.Code);
        Assert.Equal("{\"c\":200,\"s\":\"KEEPALIVE\",\"b\":{}}", keepAlive.Json);
    }

    [Fact]
    public async Task A_socket_over_its_rate_limit_is_closed_with_1008_and_others_are_unaffected()
    {
        var flooder = await _rooms.CreateUserAsync();
        var calm = await _rooms.CreateUserAsync();
        await using var a = await _rooms.ConnectAsync(flooder);
        await using var b = await _rooms.ConnectAsync(calm);
        var rid = RoomsHost.NewRoomId();
        await b.JoinAsync(rid, RoomChannel.M2m, create: true);

        for (var i = 0; i < 200 && a.IsConnected; i++)
        {
            try
            {
                await a.SendRawAsync("{}");
            }
            catch (WebSocketException)
            {
                break;
            }
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await a.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(200, (await b.HeartbeatAsync(rid)).Code);
    }

    /// <summary>KEEPALIVE after 1 s idle; 5 messages/s with a burst of 20.</summary>
    public sealed class LimitsHost : IAsyncLifetime
    {
        public RoomsHost Rooms { get; } = new()
        {
            Args = ["--Rooms:KeepAliveInterval=00:00:01", "--Rooms:MessagesPerSecond=5", "--Rooms:MessageBurst=20"],
        };

        public Task InitializeAsync() => Rooms.InitializeAsync();

        public Task DisposeAsync() => Rooms.DisposeAsync();
    }
}
