using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Auth;
using Tributary.Hls.Broadcasts;
using Tributary.Hls.Ingest;
using Tributary.Rooms;

namespace Tributary.Hls.Signals;

// POST /data (HLS-DATA-SIGNALS.md): authenticate, read a bounded body, parse, check that the caller
// is the p2m room's publisher, apply, answer {"c":..,"b":..}.
internal sealed partial class UploadEndpoint(
    AccessTokens tokens,
    IRoomDirectory rooms,
    IBroadcastIngest ingest,
    UploadRateLimiter limiter,
    IOptions<HlsOptions> options,
    TimeProvider time,
    HlsMetrics metrics,
    ILogger<UploadEndpoint> logger)
{
    // Room for the JSON fields around the base64 media (which is 4/3 of the decoded size).
    private const int FieldsAllowance = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var received = time.GetUtcNow();
        var (userId, authError) = await tokens.ValidateAsync(BearerToken(context.Request));
        if (userId is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await AnswerAsync(context, "unknown", new UploadOutcome(401, $"unauthorized: {authError}"), null);
            return;
        }

        if (!limiter.TryAcquire(userId, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await AnswerAsync(context, "unknown", UploadOutcome.TooManyRequests(string.Create(CultureInfo.InvariantCulture, $"upload rate over {options.Value.UploadsPerSecond} per second (burst {options.Value.UploadBurst}); retry in {retryAfter.TotalMilliseconds:0} ms")), userId);
            return;
        }

        var maxPayload = options.Value.MaxPayloadBytes;
        var maxBody = (long)maxPayload / 3 * 4 + 4 + FieldsAllowance;
        if (context.Request.ContentLength > maxBody)
        {
            await AnswerAsync(context, "unknown", UploadOutcome.TooLarge($"payload over the limit of {maxPayload} bytes"), userId);
            return;
        }

        var body = await ReadBodyAsync(context.Request, maxBody, context.RequestAborted);
        if (body is null)
        {
            await AnswerAsync(context, "unknown", UploadOutcome.TooLarge($"payload over the limit of {maxPayload} bytes"), userId);
            return;
        }

        DataSignal? signal;
        long timestamp;
        UploadOutcome? error;
        try
        {
            (signal, timestamp, error) = DataSignalParser.Parse(body.WrittenSpan, maxPayload);
        }
        finally
        {
            body.Dispose();
        }

        if (signal is null)
        {
            await AnswerAsync(context, "unknown", error!, userId);
            return;
        }

        var action = ActionName(signal.Action);
        var room = await rooms.GetAsync(signal.PlaylistId, context.RequestAborted);
        var denied = room is null ? UploadOutcome.Forbidden($"no live p2m room {signal.PlaylistId}")
            : room.Kind != RoomKind.P2m ? UploadOutcome.Forbidden($"room {signal.PlaylistId} is not a p2m room")
            : !room.PublisherUserIds.Contains(userId, StringComparer.Ordinal) ? UploadOutcome.Forbidden($"you are not the publisher of room {signal.PlaylistId}")
            : null;
        if (denied is not null)
        {
            await AnswerAsync(context, action, denied, userId);
            return;
        }

        var outcome = await ingest.ApplyAsync(userId, signal);
        if (!outcome.IsOk)
        {
            await AnswerAsync(context, action, outcome, userId);
            return;
        }

        var delay = received.ToUnixTimeMilliseconds() - timestamp;
        metrics.UploadDelay(delay);
        metrics.Upload(action, 200);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        using var buffer = new Playlists.PooledBufferWriter(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("c", 200);
            json.WriteStartObject("b");
            json.WriteString("id", signal.MessageId);
            json.WriteNumber("delay", delay);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenSpan.ToArray(), context.RequestAborted);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static string ActionName(DataSignalAction action) => action switch
    {
        DataSignalAction.UpdateVariant => "updateVariant",
        DataSignalAction.UpdateRendition => "updateRendition",
        DataSignalAction.UpdateSegment => "updateSegment",
        _ => "updatePart",
    };

    // Reads at most maxBody bytes into a pooled buffer; null when the body is longer.
    private static async Task<Playlists.PooledBufferWriter?> ReadBodyAsync(HttpRequest request, long maxBody, CancellationToken cancellationToken)
    {
        var initial = (int)Math.Min(request.ContentLength ?? 16 * 1024, maxBody) + 1;
        var buffer = new Playlists.PooledBufferWriter(Math.Max(initial, 1024));
        long total = 0;
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var n = await request.Body.ReadAsync(memory, cancellationToken);
            if (n == 0)
            {
                return buffer;
            }

            buffer.Advance(n);
            total += n;
            if (total > maxBody)
            {
                buffer.Dispose();
                return null;
            }
        }
    }

    private async Task AnswerAsync(HttpContext context, string action, UploadOutcome outcome, string? userId)
    {
        metrics.Upload(action, outcome.Code);
        LogRejected(logger, action, outcome.Code, outcome.Message ?? string.Empty, userId ?? "(anonymous)");
        context.Response.StatusCode = outcome.Code;
        context.Response.ContentType = "application/json";
        using var buffer = new Playlists.PooledBufferWriter(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("c", outcome.Code);
            json.WriteStartObject("b");
            json.WriteString("msg", outcome.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenSpan.ToArray(), context.RequestAborted);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Data signal {Action} rejected with {Code}: {Reason} (user {UserId})")]
    private static partial void LogRejected(ILogger logger, string action, int code, string reason, string userId);
}
