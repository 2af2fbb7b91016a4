using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tributary.Testing;

namespace Tributary.Api.Tests.Support;

/// <summary>
/// A <c>graphql-transport-ws</c> client on a plain <see cref="ClientWebSocket"/>, for tests that need what
/// the npm client hides: not reading at all, or a tiny TCP receive buffer.
/// </summary>
public sealed class RawGraphQLSocket : IDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker? _invoker;

    private RawGraphQLSocket(ClientWebSocket socket, HttpMessageInvoker? invoker)
    {
        _socket = socket;
        _invoker = invoker;
    }

    /// <summary>The close code the server sent, once the socket closed.</summary>
    public int? CloseStatus => (int?)_socket.CloseStatus;

    /// <summary>
    /// Connects and completes <c>connection_init</c>/<c>connection_ack</c>. With
    /// <paramref name="receiveBufferBytes"/>, the TCP socket's receive buffer is fixed at that size
    /// (no autotuning), so a client that stops reading backs up the server after a few kilobytes.
    /// </summary>
    public static async Task<RawGraphQLSocket> ConnectAsync(TributaryTestHost host, object? initPayload, int? receiveBufferBytes = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        HttpMessageInvoker? invoker = null;
        if (receiveBufferBytes is { } size)
        {
            invoker = new HttpMessageInvoker(new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = size };
                    try
                    {
                        await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(tcp, ownsSocket: true);
                    }
                    catch
                    {
                        tcp.Dispose();
                        throw;
                    }
                },
            });
        }

        await socket.ConnectAsync(new Uri(host.WebSocketUri, "graphql"), invoker, CancellationToken.None);
        var client = new RawGraphQLSocket(socket, invoker);
        await client.SendAsync(new { type = "connection_init", payload = initPayload });
        var ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
        return client;
    }

    /// <summary>Sends a <c>subscribe</c> message.</summary>
    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { type = "subscribe", id, payload = new { query, variables } });

    /// <summary>Sends one JSON message.</summary>
    public Task SendAsync(object message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null once the server closed the socket (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>The next message whose <c>type</c> is not <c>ping</c>/<c>pong</c>.</summary>
    public async Task<JsonElement?> NextAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout);
            if (message is null || message.Value.GetProperty("type").GetString() is not ("ping" or "pong"))
            {
                return message;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _socket.Dispose();
        _invoker?.Dispose();
    }
}
