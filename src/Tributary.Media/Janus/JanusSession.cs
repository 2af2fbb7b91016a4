using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tributary.Media.Janus;

/// <summary>
/// One Janus API session over HTTP: attach/detach plugin handles, plugin messages (answered at once, or
/// acknowledged and answered later by an event with the same transaction), trickle, destroy. A long poll
/// fetches the asynchronous events; keepalive requests every <see cref="JanusOptions.KeepAliveInterval"/>
/// hold the session open (Janus drops sessions after <see cref="JanusOptions.SessionTimeoutSeconds"/>
/// without a request, and does not count the long poll). Janus failures surface as
/// <see cref="JanusException"/>.
/// </summary>
public sealed partial class JanusSession : IAsyncDisposable
{
    private static readonly string TransactionPrefix = RandomNumberGenerator.GetHexString(8, lowercase: true);
    private static long _transactions;

    private readonly HttpClient _http;
    private readonly Uri _sessionUri;
    private readonly string _apiSecret;
    private readonly JanusOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<JanusEvent> _events;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<JanusException> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _poll = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;

    private JanusSession(HttpClient http, Uri apiUri, long id, string apiSecret, JanusOptions options, ILogger logger, TimeProvider time)
    {
        _http = http;
        Id = id;
        _sessionUri = new Uri($"{apiUri.AbsoluteUri.TrimEnd('/')}/{id.ToString(CultureInfo.InvariantCulture)}");
        _apiSecret = apiSecret;
        _options = options;
        _logger = logger;
        _time = time;
        _events = Channel.CreateBounded<JanusEvent>(new BoundedChannelOptions(options.EventQueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
    }

    /// <summary>Janus's session id.</summary>
    public long Id { get; }

    /// <summary>Asynchronous events (not answers to our requests); completes when the session closes.</summary>
    public ChannelReader<JanusEvent> Events => _events.Reader;

    /// <summary>Completes when the session is gone, with the reason (destroyed by us, unknown to Janus, Janus unreachable).</summary>
    public Task<JanusException> Closed => _closed.Task;

    /// <summary>True until the session is destroyed or found gone.</summary>
    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Creates a session and starts its long poll.</summary>
    /// <exception cref="JanusException">Janus refused or did not answer.</exception>
    public static async Task<JanusSession> CreateAsync(HttpClient http, Uri apiUri, string apiSecret, JanusOptions options, ILogger logger, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(apiUri);
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var answer = await PostAsync(http, apiUri, Request("create", apiSecret), options.RequestTimeout, time, cancellationToken).ConfigureAwait(false);
        var id = answer["data"]?["id"]?.GetValue<long>() ?? throw new JanusException(JanusErrorCodes.Unreachable, "create answered without a session id");
        var session = new JanusSession(http, apiUri, id, apiSecret, options, logger, time);
        session._poll = Task.Run(session.PollAsync);
        session._keepAlive = Task.Run(session.KeepAliveAsync);
        Log.SessionCreated(logger, id);
        return session;
    }

    /// <summary>Attaches a handle to <paramref name="plugin"/> (e.g. <c>janus.plugin.videoroom</c>); returns its id.</summary>
    public async Task<long> AttachAsync(string plugin, CancellationToken cancellationToken = default)
    {
        var request = Request("attach", _apiSecret);
        request["plugin"] = plugin;
        var answer = await SendAsync(_sessionUri, request, cancellationToken).ConfigureAwait(false);
        return answer["data"]?["id"]?.GetValue<long>() ?? throw new JanusException(JanusErrorCodes.Unreachable, "attach answered without a handle id");
    }

    /// <summary>
    /// Sends a plugin message, optionally with a JSEP (offer/answer). Waits for the plugin's answer, whether
    /// Janus gives it at once (<c>success</c>) or acknowledges and sends it as an event later.
    /// </summary>
    /// <exception cref="JanusException">Janus or the plugin (<c>error_code</c>) refused, or no answer in time.</exception>
    public async Task<JanusPluginResult> MessageAsync(long handleId, JsonObject body, JsonObject? jsep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var request = Request("message", _apiSecret);
        request["body"] = body;
        if (jsep is not null)
        {
            request["jsep"] = jsep;
        }

        var transaction = request["transaction"]!.GetValue<string>();
        var later = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Registered before sending: the event can arrive on the long poll before the POST returns its ack.
        _pending[transaction] = later;
        try
        {
            var answer = await SendAsync(HandleUri(handleId), request, cancellationToken).ConfigureAwait(false);
            if (answer["janus"]?.GetValue<string>() == "ack")
            {
                answer = await WaitAsync(later.Task, cancellationToken).ConfigureAwait(false);
                ThrowOnError(answer);
            }

            var data = answer["plugindata"]?["data"] as JsonObject ?? throw new JanusException(JanusErrorCodes.Unreachable, "plugin answered without plugindata");
            if (data["error_code"] is JsonValue code)
            {
                throw new JanusException(code.GetValue<int>(), data["error"]?.GetValue<string>() ?? "plugin error", fromPlugin: true);
            }

            return new JanusPluginResult(data, answer["jsep"] as JsonObject);
        }
        finally
        {
            _pending.TryRemove(transaction, out _);
        }
    }

    /// <summary>Trickles one candidate (<c>{candidate, sdpMid, sdpMLineIndex}</c>) or, with null, the end of candidates.</summary>
    public async Task TrickleAsync(long handleId, JsonObject? candidate, CancellationToken cancellationToken = default)
    {
        var request = Request("trickle", _apiSecret);
        request["candidate"] = candidate ?? new JsonObject { ["completed"] = true };
        await SendAsync(HandleUri(handleId), request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hangs up the handle's PeerConnection, keeping the handle.</summary>
    public Task HangupAsync(long handleId, CancellationToken cancellationToken = default) =>
        SendAsync(HandleUri(handleId), Request("hangup", _apiSecret), cancellationToken);

    /// <summary>Detaches the handle (its PeerConnection, and for a publisher its feed, go away).</summary>
    public Task DetachAsync(long handleId, CancellationToken cancellationToken = default) =>
        SendAsync(HandleUri(handleId), Request("detach", _apiSecret), cancellationToken);

    /// <summary>Destroys the session (every handle with it) and stops the long poll.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            await SendAsync(_sessionUri, Request("destroy", _apiSecret), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Close(new JanusException(JanusErrorCodes.SessionClosed, "session destroyed"));
            await _poll.ConfigureAwait(false);
            await _keepAlive.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await DestroyAsync().ConfigureAwait(false);
        }
        catch (JanusException e)
        {
            Log.DestroyFailed(_logger, Id, e.Message);
        }

        Close(new JanusException(JanusErrorCodes.SessionClosed, "session disposed"));
        await _poll.ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(false);
        _closing.Dispose();
    }

    private Uri HandleUri(long handleId) => new($"{_sessionUri.AbsoluteUri}/{handleId.ToString(CultureInfo.InvariantCulture)}");

    private async Task<JsonObject> SendAsync(Uri uri, JsonObject request, CancellationToken cancellationToken)
    {
        if (_closed.Task.IsCompleted)
        {
            var reason = await _closed.Task.ConfigureAwait(false);
            throw new JanusException(JanusErrorCodes.SessionClosed, $"session {Id} is closed: {reason.Reason}");
        }

        try
        {
            return await PostAsync(_http, uri, request, _options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusException e) when (e.Code == JanusErrorCodes.SessionNotFound)
        {
            Close(e);
            throw;
        }
    }

    private async Task<JsonObject> WaitAsync(Task<JsonObject> answer, CancellationToken cancellationToken)
    {
        var closed = _closed.Task;
        try
        {
            var first = await Task.WhenAny(answer, closed).WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (first == closed)
            {
                var reason = await closed.ConfigureAwait(false);
                throw new JanusException(JanusErrorCodes.SessionClosed, $"session {Id} closed while waiting: {reason.Reason}", false, reason);
            }

            return await answer.ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new JanusException(JanusErrorCodes.Timeout, $"no plugin event within {_options.RequestTimeout}", false, e);
        }
    }

    private async Task KeepAliveAsync()
    {
        var stop = _closing.Token;
        try
        {
            while (true)
            {
                await Task.Delay(_options.KeepAliveInterval, _time, stop).ConfigureAwait(false);
                try
                {
                    await SendAsync(_sessionUri, Request("keepalive", _apiSecret), stop).ConfigureAwait(false);
                }
                catch (JanusException e) when (e.Code != JanusErrorCodes.SessionNotFound)
                {
                    // A missed keepalive is retried at the next tick; the long poll notices a Janus that is gone.
                    Log.KeepAliveFailed(_logger, Id, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (JanusException)
        {
            // SessionNotFound: SendAsync closed the session.
        }
    }

    private async Task PollAsync()
    {
        var stop = _closing.Token;
        var lastAnswer = _time.GetTimestamp();
        var sessionTimeout = TimeSpan.FromSeconds(_options.SessionTimeoutSeconds);

        // Janus holds a long poll for up to 30 s before answering a keepalive.
        var pollTimeout = TimeSpan.FromSeconds(30) + _options.RequestTimeout;
        while (!stop.IsCancellationRequested)
        {
            var uri = new Uri($"{_sessionUri.AbsoluteUri}?maxev={_options.LongPollMaxEvents.ToString(CultureInfo.InvariantCulture)}&rid={_time.GetTimestamp().ToString(CultureInfo.InvariantCulture)}&apisecret={Uri.EscapeDataString(_apiSecret)}");
            try
            {
                using var timeout = new CancellationTokenSource(pollTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
                using var response = await _http.GetAsync(uri, linked.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                lastAnswer = _time.GetTimestamp();
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound && string.IsNullOrWhiteSpace(text))
                {
                    // Janus's HTTP transport answers an empty 404 to a long poll of a session it no longer has.
                    Close(new JanusException(JanusErrorCodes.SessionNotFound, $"no such session {Id}"));
                    return;
                }

                var node = JsonNode.Parse(text);
                IEnumerable<JsonObject> messages = node switch
                {
                    JsonArray array => array.OfType<JsonObject>(),
                    JsonObject single => [single],
                    _ => [],
                };
                foreach (var message in messages)
                {
                    if (!Dispatch(message))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or SocketException)
            {
                Log.PollFailed(_logger, Id, e.Message);
                if (_time.GetElapsedTime(lastAnswer) >= sessionTimeout)
                {
                    Close(new JanusException(JanusErrorCodes.Unreachable, $"Janus unreachable for {sessionTimeout}: {e.Message}", false, e));
                    return;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Routes one long-poll message; false when the session turned out to be gone.</summary>
    private bool Dispatch(JsonObject message)
    {
        var kind = message["janus"]?.GetValue<string>() ?? "";
        if (kind == "keepalive")
        {
            return true;
        }

        if (kind == "timeout")
        {
            Close(new JanusException(JanusErrorCodes.SessionNotFound, $"Janus timed out session {Id}"));
            return false;
        }

        if (kind == "error" && message["error"]?["code"]?.GetValue<int>() == JanusErrorCodes.SessionNotFound)
        {
            Close(new JanusException(JanusErrorCodes.SessionNotFound, message["error"]?["reason"]?.GetValue<string>() ?? "no such session"));
            return false;
        }

        if (message["transaction"]?.GetValue<string>() is { } transaction && _pending.TryRemove(transaction, out var waiter))
        {
            waiter.TrySetResult(message);
            return true;
        }

        long? sender = message["sender"] is JsonValue value ? value.GetValue<long>() : null;
        Log.Event(_logger, Id, kind, sender);
        if (!_events.Writer.TryWrite(new JanusEvent(kind, sender, message)))
        {
            Log.EventDropped(_logger, Id, kind);
        }

        return true;
    }

    private void Close(JanusException reason)
    {
        if (_closed.TrySetResult(reason))
        {
            Log.SessionClosed(_logger, Id, reason.Reason);
            _closing.Cancel();
            _events.Writer.TryComplete();
            foreach (var (transaction, waiter) in _pending)
            {
                waiter.TrySetException(new JanusException(JanusErrorCodes.SessionClosed, $"session {Id} closed: {reason.Reason}", false, reason));
                _pending.TryRemove(transaction, out _);
            }
        }
    }

    private static JsonObject Request(string verb, string apiSecret) => new()
    {
        ["janus"] = verb,
        ["transaction"] = $"{TransactionPrefix}-{Interlocked.Increment(ref _transactions).ToString(CultureInfo.InvariantCulture)}",
        ["apisecret"] = apiSecret,
    };

    /// <summary>POSTs a request and returns Janus's answer; a Janus error becomes a <see cref="JanusException"/>.</summary>
    internal static async Task<JsonObject> PostAsync(HttpClient http, Uri uri, JsonObject request, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        JsonObject answer;
        try
        {
            using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(uri, content, linked.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            answer = JsonNode.Parse(text) as JsonObject ?? throw new JanusException(JanusErrorCodes.Unreachable, $"Janus answered {(int)response.StatusCode} without a JSON object");
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new JanusException(JanusErrorCodes.Timeout, $"Janus did not answer {request["janus"]} within {timeout}", false, e);
        }
        catch (HttpRequestException e)
        {
            throw new JanusException(JanusErrorCodes.Unreachable, $"Janus at {uri.GetLeftPart(UriPartial.Authority)} unreachable: {e.Message}", false, e);
        }
        catch (JsonException e)
        {
            throw new JanusException(JanusErrorCodes.Unreachable, $"Janus answered something that is not JSON: {e.Message}", false, e);
        }

        ThrowOnError(answer);
        return answer;
    }

    private static void ThrowOnError(JsonObject answer)
    {
        if (answer["janus"]?.GetValue<string>() == "error")
        {
            throw new JanusException(
                answer["error"]?["code"]?.GetValue<int>() ?? JanusErrorCodes.Unreachable,
                answer["error"]?["reason"]?.GetValue<string>() ?? "unknown Janus error");
        }
    }
}
