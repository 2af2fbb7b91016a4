using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Gateway;

/// <summary>A client that stops reading is disconnected once its bounded send queue fills; nobody else notices.</summary>
public sealed class SlowClientTests : IClassFixture<SlowClientTests.SlowHost>
{
    private const int Offers = 600;
    private readonly RoomsHost _rooms;

    public SlowClientTests(SlowHost rooms) => _rooms = rooms.Rooms;

    [Fact]
    public async Task A_peer_that_stops_reading_is_disconnected_instead_of_buffered_and_the_sender_keeps_working()
    {
        var slowUser = await _rooms.CreateUserAsync();
        var sender = await _rooms.CreateUserAsync();
        var rid = RoomsHost.NewRoomId();
        var slowSession = Guid.NewGuid().ToString();
        using var slow = await ConnectWithTinyReceiveBufferAsync(slowUser.Token);
        await SendTextAsync(slow, JsonSerializer.Serialize(new
        {
            action = "join",
            data = new
            {
                s = "JOIN",
                ch = "p2p",
                ss = new { userId = slowUser.Id, sessionId = slowSession, category = "stream", host = "Web", deviceId = "d" },
                rid,
                ve = true,
                ae = true,
                eg = "native",
                op = new { roomCreating = true },
            },
        }));
        var created = await ReceiveTextAsync(slow);
        Assert.True(created?.StartsWith("{\"c\":200,\"s\":\"JOIN\"", StringComparison.Ordinal), created);
        await using var b = await _rooms.ConnectAsync(sender);
        var joined = await b.JoinAsync(rid, RoomChannel.P2p);
        Assert.True(joined.IsSuccess, joined.Json);

        // 600 offers of 24 kB (14 MB) to a peer that reads nothing: far beyond what the kernel's socket
        // buffers hold, so the server's queue for it (8 messages here) must overflow.
        var sdp = "v=0\r\n" + new string('a', 24 * 1024);
        var target = new SignalTarget(slowUser.Id, slowSession);
        for (var i = 0; i < Offers; i++)
        {
            await b.SendSdpAsync(rid, "OFFER", sdp, target);
        }

        Assert.Equal(200, (await b.HeartbeatAsync(rid)).Code);
        var (received, ended) = await DrainAsync(slow);
        Assert.True(ended, $"the slow socket was never closed by the server; it read {received} offers; the sender got {string.Join(", ", b.Inbox().Where(m => m.Code != 200).Select(m => m.Json[..Math.Min(200, m.Json.Length)]).Take(3))}");
        Assert.True(received < Offers, $"the slow peer got all {received} offers: nothing was dropped");
        Assert.True(b.IsConnected);
        Assert.Equal(200, (await b.HeartbeatAsync(rid)).Code);
    }

    /// <summary>Reads whatever the server still delivers; true when the connection ends (reset or close) within a minute.</summary>
    private static async Task<(int Offers, bool Ended)> DrainAsync(ClientWebSocket socket)
    {
        var offers = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var text = await ReceiveTextAsync(socket, timeout.Token);
                if (text is null)
                {
                    return (offers, true);
                }

                offers += text.Contains("\"s\":\"OFFER\"", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (offers, false);
        }
        catch (WebSocketException)
        {
            return (offers, true);
        }
    }

    private async Task<ClientWebSocket> ConnectWithTinyReceiveBufferAsync(string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(_rooms.Host.BaseUri) { Scheme = "ws", Path = "/signal", Query = "token=" + token }.Uri;
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), CancellationToken.None);
        return socket;
    }

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>One whole text message, or null when the server closed.</summary>
    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>A send queue of 8 messages and a rate limit high enough for the flood.</summary>
    public sealed class SlowHost : IAsyncLifetime
    {
        public RoomsHost Rooms { get; } = new()
        {
            Args = ["--Rooms:SendQueueCapacity=8", "--Rooms:MessagesPerSecond=2000", "--Rooms:MessageBurst=2000"],
        };

        public Task InitializeAsync() => Rooms.InitializeAsync();

        public Task DisposeAsync() => Rooms.DisposeAsync();
    }
}
