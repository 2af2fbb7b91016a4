using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Subscriptions;

/// <summary>The graphql-transport-ws rules the npm client never breaks, driven with a raw socket.</summary>
public sealed class GraphQLWsProtocolTests : IAsyncLifetime
{
    private TributaryTestHost _host = null!;

    // The default init timeout (10 s): a loaded machine must not turn a slow connection_init into 4408.
    public async Task InitializeAsync() => _host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<ClientWebSocket> ConnectAsync(string? subprotocol = "graphql-transport-ws") => ConnectAsync(_host, subprotocol);

    private static async Task<ClientWebSocket> ConnectAsync(TributaryTestHost host, string? subprotocol = "graphql-transport-ws")
    {
        var socket = new ClientWebSocket();
        if (subprotocol is not null)
        {
            socket.Options.AddSubProtocol(subprotocol);
        }

        await socket.ConnectAsync(new Uri(host.WebSocketUri, "graphql"), CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text message, or null with the socket's close status once it closed.</summary>
    private static async Task<(JsonElement? Message, int? CloseCode)> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, (int?)socket.CloseStatus);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return (JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone(), null);
            }
        }
    }

    private async Task<ClientWebSocket> AcknowledgedAsync(object? payload = null)
    {
        var socket = await ConnectAsync();
        await SendAsync(socket, JsonSerializer.Serialize(new { type = "connection_init", payload }));
        var (ack, _) = await ReceiveAsync(socket);
        Assert.Equal("connection_ack", ack!.Value.GetProperty("type").GetString());
        return socket;
    }

    public static TheoryData<string, string[], int> Violations => new()
    {
        { "not JSON", ["{nope"], 4400 },
        { "no type", ["{\"id\":\"1\"}"], 4400 },
        { "unknown type", ["{\"type\":\"start\"}"], 4400 },
        { "subscribe before init", ["{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ __typename }\"}}"], 4401 },
        { "bad token", ["{\"type\":\"connection_init\",\"payload\":{\"token\":\"not.a.jwt\"}}"], 4403 },
        { "token not a string", ["{\"type\":\"connection_init\",\"payload\":{\"token\":42}}"], 4403 },
        { "bad API key", ["{\"type\":\"connection_init\",\"payload\":{\"apiKey\":\"trk_nope.nope\"}}"], 4403 },
        { "second init", ["{\"type\":\"connection_init\"}", "{\"type\":\"connection_init\"}"], 4429 },
        { "subscribe without id", ["{\"type\":\"connection_init\"}", "{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}"], 4400 },
        { "subscribe without query", ["{\"type\":\"connection_init\"}", "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{}}"], 4400 },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Protocol_violations_close_the_socket_with_the_protocol_code(string violation, string[] messages, int code)
    {
        using var socket = await ConnectAsync();
        foreach (var message in messages)
        {
            await SendAsync(socket, message);
        }

        while (true)
        {
            var (message, closed) = await ReceiveAsync(socket);
            if (message is null)
            {
                Assert.True(code == closed, $"{violation}: closed with {closed}");
                return;
            }

            Assert.Equal("connection_ack", message.Value.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task No_connection_init_within_ConnectionInitTimeout_closes_with_4408()
    {
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, args: ["--Subscriptions:ConnectionInitTimeout=00:00:01"]);
        using var socket = await ConnectAsync(host);

        var (message, closed) = await ReceiveAsync(socket);

        Assert.Null(message);
        Assert.Equal(4408, closed);
    }

    [Fact]
    public async Task A_message_over_MaxMessageBytes_closes_with_1009_and_subscribes_nothing()
    {
        var user = await AppUser.CreateAsync(_host, "user");
        using var socket = await AcknowledgedAsync(new { token = user.Token });
        var padding = new string(' ', 64 * 1024);

        await SendAsync(socket, "{\"type\":\"subscribe\",\"id\":\"big\",\"payload\":{\"query\":\"subscription { notifications { id } }" + padding + "\"}}");
        var (message, closed) = await ReceiveAsync(socket);

        Assert.Null(message);
        Assert.Equal(1009, closed);
        Assert.Equal(0, _host.GetRequiredService<Tributary.Api.Realtime.TopicHub>().LocalSubscriberCount);
    }

    [Fact]
    public async Task A_socket_without_the_subprotocol_is_closed_with_4406()
    {
        using var socket = await ConnectAsync(subprotocol: null);

        var (_, closed) = await ReceiveAsync(socket);

        Assert.Equal(4406, closed);
    }

    [Fact]
    public async Task A_second_subscribe_with_a_running_id_closes_with_4409()
    {
        var user = await AppUser.CreateAsync(_host, "user");
        using var socket = await AcknowledgedAsync(new { token = user.Token });
        const string Subscribe = "{\"type\":\"subscribe\",\"id\":\"same\",\"payload\":{\"query\":\"subscription { notifications { id } }\"}}";

        await SendAsync(socket, Subscribe);
        await Subscribers.WaitForAsync(_host, 1);
        await SendAsync(socket, Subscribe);
        var (_, closed) = await ReceiveAsync(socket);

        Assert.Equal(4409, closed);
    }

    [Fact]
    public async Task Ping_answers_pong_and_queries_answer_next_then_complete()
    {
        using var socket = await AcknowledgedAsync();

        await SendAsync(socket, "{\"type\":\"ping\"}");
        var (pong, _) = await ReceiveAsync(socket);
        await SendAsync(socket, "{\"type\":\"subscribe\",\"id\":\"q\",\"payload\":{\"query\":\"{ __typename }\"}}");
        var (next, _) = await ReceiveAsync(socket);
        var (complete, _) = await ReceiveAsync(socket);

        Assert.Equal("pong", pong!.Value.GetProperty("type").GetString());
        Assert.Equal("next", next!.Value.GetProperty("type").GetString());
        Assert.Equal("q", next.Value.GetProperty("id").GetString());
        Assert.Equal("Query", next.Value.GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal("complete", complete!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Complete_from_the_client_ends_the_subscription_on_the_server()
    {
        var user = await AppUser.CreateAsync(_host, "user");
        using var socket = await AcknowledgedAsync(new { token = user.Token });
        var hub = _host.GetRequiredService<Tributary.Api.Realtime.TopicHub>();

        await SendAsync(socket, "{\"type\":\"subscribe\",\"id\":\"n\",\"payload\":{\"query\":\"subscription { notifications { id } }\"}}");
        await Subscribers.WaitForAsync(_host, 1);
        await SendAsync(socket, "{\"type\":\"complete\",\"id\":\"n\"}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (hub.LocalSubscriberCount != 0)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.Equal(0, hub.LocalSubscriberCount);
    }
}
