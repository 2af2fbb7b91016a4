using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using Microsoft.Extensions.Logging;
using Tributary.Api.ApiKeys;
using Tributary.Api.Auth;
using Tributary.Api.Schema;
using Tributary.Auth;

namespace Tributary.Api.Subscriptions;

/// <summary>
/// One <c>graphql-transport-ws</c> connection: the handshake (<c>connection_init</c> with
/// <c>{"token": "&lt;access JWT&gt;"}</c> or <c>{"apiKey": "trk_…"}</c>, or nothing for anonymous), ping/pong,
/// and operations (<c>subscribe</c> → <c>next</c>* → <c>complete</c>, or <c>error</c>). Outgoing messages
/// go through one bounded queue written by one loop; a client that lets it fill is closed (1008).
/// </summary>
public sealed partial class GraphQLWebSocketSession
{
    private readonly WebSocket _socket;
    private readonly IDocumentExecuter<TributarySchema> _executer;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly AccessTokens _tokens;
    private readonly ApiKeyStore _keys;
    private readonly SubscriptionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IServiceProvider _services;
    private readonly string _remote;
    private readonly Channel<string> _outbox;
    private readonly Dictionary<string, IDisposable?> _operations = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private ICurrentUser? _caller;
    private bool _initReceived;
    private int _closed;

    internal GraphQLWebSocketSession(
        WebSocket socket,
        IDocumentExecuter<TributarySchema> executer,
        IGraphQLTextSerializer serializer,
        AccessTokens tokens,
        ApiKeyStore keys,
        SubscriptionsOptions options,
        TimeProvider time,
        ILogger logger,
        IServiceProvider services,
        string remote)
    {
        _socket = socket;
        _executer = executer;
        _serializer = serializer;
        _tokens = tokens;
        _keys = keys;
        _options = options;
        _time = time;
        _logger = logger;
        _services = services;
        _remote = remote;
        _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(options.SendQueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Runs until the socket closes.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        var token = linked.Token;
        var sending = SendLoopAsync(token);
        using var initTimer = _time.CreateTimer(_ => OnInitTimeout(), null, _options.ConnectionInitTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            while (!token.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var message = await ReceiveAsync(token);
                if (message is null)
                {
                    break;
                }

                await HandleAsync(message, token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _closing.Cancel();
            StopAll();
            _outbox.Writer.TryComplete();
            await sending.ConfigureAwait(false);
            LogClosed(_logger, _remote, _socket.CloseStatus is { } status ? (int)status : 0);
        }
    }

    /// <summary>
    /// Closes the socket with a protocol close code (once). Its operations stop at once and queued
    /// messages are dropped, so a closing socket holds no subscription and gains no memory. The close
    /// frame waits its turn behind a message being sent, at most <see cref="SubscriptionsOptions.CloseTimeout"/>;
    /// when the client does not read in that time (a slow consumer) the connection is aborted instead.
    /// A client that never answers the close is cut off after the same period.
    /// </summary>
    public async Task CloseAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _outbox.Writer.TryComplete();
        StopAll();
        var grace = _options.CloseTimeout;
        try
        {
            if (await _sending.WaitAsync(grace))
            {
                try
                {
                    using var timeout = new CancellationTokenSource(grace);
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
                    }
                }
                finally
                {
                    _sending.Release();
                }
            }
            else
            {
                _socket.Abort();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _socket.Abort();
        }

        _closing.CancelAfter(grace);
    }

    private void StopAll()
    {
        List<IDisposable?> running;
        lock (_gate)
        {
            running = [.. _operations.Values];
            _operations.Clear();
        }

        foreach (var operation in running)
        {
            operation?.Dispose();
        }
    }

    private void OnInitTimeout()
    {
        if (!Volatile.Read(ref _initReceived))
        {
            _ = CloseAsync(CloseCodes.ConnectionInitTimeout, "Connection initialisation timeout");
        }
    }

    /// <summary>One whole text message, or null when the client closed (or was closed for sending garbage).</summary>
    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(1000, "Normal closure");
                    return null;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await CloseAsync(CloseCodes.BadRequest, "Binary messages are not supported");
                    return null;
                }

                length += result.Count;
                if (length > _options.MaxMessageBytes)
                {
                    await CloseAsync(CloseCodes.MessageTooBig, "Message too big");
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(string text, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
                return;
            }

            switch (typeElement.GetString())
            {
                case "connection_init":
                    await InitAsync(root, cancellationToken);
                    break;
                case "ping":
                    Enqueue("{\"type\":\"pong\"}");
                    break;
                case "pong":
                    break;
                case "subscribe":
                    await SubscribeAsync(root, cancellationToken);
                    break;
                case "complete":
                    if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        Stop(id.GetString()!);
                    }
                    else
                    {
                        await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
                    }

                    break;
                default:
                    await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
                    break;
            }
        }
    }

    private async Task InitAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (_initReceived)
        {
            await CloseAsync(CloseCodes.TooManyInitRequests, "Too many initialisation requests");
            return;
        }

        Volatile.Write(ref _initReceived, true);
        var payload = message.TryGetProperty("payload", out var p) ? p : default;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        var caller = await AuthenticateAsync(payload, cancellationToken);
        if (caller is null)
        {
            LogRefused(_logger, _remote);
            await CloseAsync(CloseCodes.Forbidden, "Forbidden");
            return;
        }

        _caller = caller;
        Enqueue("{\"type\":\"connection_ack\"}");
    }

    private async Task<ICurrentUser?> AuthenticateAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("token", out var token))
        {
            if (token.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var (userId, _) = await _tokens.ValidateAsync(token.GetString());
            return userId is null ? null : CurrentUser.ForUser(userId, _remote);
        }

        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("apiKey", out var apiKey))
        {
            var key = apiKey.ValueKind == JsonValueKind.String ? await _keys.ValidateAsync(apiKey.GetString()!, cancellationToken) : null;
            return key is null ? null : CurrentUser.ForApiKey(key.Id, key.ScopeSet, _remote);
        }

        return CurrentUser.Anonymous(_remote);
    }

    private async Task SubscribeAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id
            || !message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("query", out var queryElement) || queryElement.ValueKind != JsonValueKind.String)
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        if (_caller is not { } caller)
        {
            await CloseAsync(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        lock (_gate)
        {
            if (_operations.ContainsKey(id))
            {
                id = string.Empty;
            }
            else if (_operations.Count < _options.MaxOperationsPerConnection)
            {
                _operations[id] = null;
            }
            else
            {
                Enqueue(ErrorMessage(id, $"At most {_options.MaxOperationsPerConnection} operations per connection."));
                return;
            }
        }

        if (id.Length == 0)
        {
            await CloseAsync(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {idElement.GetString()} already exists");
            return;
        }

        Inputs? variables = null;
        if (payload.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object)
        {
            variables = _serializer.Deserialize<Inputs>(v.GetRawText());
        }

        var context = new ApiUserContext(caller, isHttpGet: false)
        {
            [SubscriptionsArea.SlowSubscriberCallbackKey] = new Action(() => _ = CloseAsync(CloseCodes.SlowConsumer, "Slow consumer")),
        };
        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Query = queryElement.GetString(),
            OperationName = payload.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            Variables = variables,
            RequestServices = _services,
            UserContext = context,
            CancellationToken = cancellationToken,
        });

        if (result.Streams is { Count: > 0 } streams)
        {
            var observer = new OperationObserver(this, id);
            var subscription = streams.Values.First().Subscribe(observer);
            lock (_gate)
            {
                if (_operations.ContainsKey(id))
                {
                    _operations[id] = subscription;
                    return;
                }
            }

            // The client completed the operation while it was being set up.
            subscription.Dispose();
            return;
        }

        if (result.Data is null && result.Errors is { Count: > 0 })
        {
            Enqueue(ErrorMessage(id, result));
        }
        else
        {
            Enqueue(NextMessage(id, result));
            Enqueue(Message("complete", id, null));
        }

        lock (_gate)
        {
            _operations.Remove(id);
        }
    }

    private void Stop(string id)
    {
        IDisposable? subscription;
        lock (_gate)
        {
            if (!_operations.Remove(id, out subscription))
            {
                return;
            }
        }

        subscription?.Dispose();
    }

    private void Completed(string id)
    {
        bool removed;
        lock (_gate)
        {
            removed = _operations.Remove(id);
        }

        if (removed)
        {
            Enqueue(Message("complete", id, null));
        }
    }

    private void Enqueue(string message)
    {
        if (!_outbox.Writer.TryWrite(message) && Volatile.Read(ref _closed) == 0)
        {
            LogSlow(_logger, _remote, _options.SendQueueLength);
            _ = CloseAsync(CloseCodes.SlowConsumer, "Slow consumer");
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                await _sending.WaitAsync(cancellationToken);
                try
                {
                    if (Volatile.Read(ref _closed) == 1)
                    {
                        return;
                    }

                    await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancellationToken);
                }
                finally
                {
                    _sending.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private string NextMessage(string id, ExecutionResult result) => Message("next", id, _serializer.Serialize(result));

    private string ErrorMessage(string id, ExecutionResult result)
    {
        using var document = JsonDocument.Parse(_serializer.Serialize(result));
        return Message("error", id, document.RootElement.GetProperty("errors").GetRawText());
    }

    private static string ErrorMessage(string id, string text)
    {
        var errors = JsonSerializer.Serialize(new[] { new { message = text, extensions = new { code = Errors.ErrorCodes.RateLimited } } });
        return Message("error", id, errors);
    }

    private static string Message(string type, string id, string? rawPayload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            if (rawPayload is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(rawPayload, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(EventId = 3451, Level = LogLevel.Debug, Message = "GraphQL WebSocket from {Remote} closed ({Status})")]
    private static partial void LogClosed(ILogger logger, string remote, int status);

    [LoggerMessage(EventId = 3452, Level = LogLevel.Information, Message = "GraphQL WebSocket from {Remote}: connection_init credentials refused")]
    private static partial void LogRefused(ILogger logger, string remote);

    [LoggerMessage(EventId = 3453, Level = LogLevel.Warning, Message = "GraphQL WebSocket from {Remote}: {Queue} messages queued unsent, closing as a slow consumer")]
    private static partial void LogSlow(ILogger logger, string remote, int queue);

    private sealed class OperationObserver(GraphQLWebSocketSession session, string id) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => session.Enqueue(session.NextMessage(id, value));

        public void OnError(Exception error) => session.Completed(id);

        public void OnCompleted() => session.Completed(id);
    }
}
