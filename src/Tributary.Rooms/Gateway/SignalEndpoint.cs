using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Auth;

namespace Tributary.Rooms.Gateway;

/// <summary>
/// <c>GET /signal</c>: authenticates the access token (<c>?token=</c> or <c>Authorization: Bearer</c>),
/// then upgrades to WebSocket itself (RFC 6455 handshake) so the raw stream can be read through
/// <see cref="FrameLimitStream"/> for the per-frame size limit.
/// </summary>
internal sealed partial class SignalEndpoint(
    AccessTokens tokens,
    SignalRelay relay,
    IGrainFactory grains,
    IOptions<RoomsOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    GatewayMetrics metrics,
    ILoggerFactory loggers)
{
    private const string Rfc6455Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private readonly ILogger _logger = loggers.CreateLogger("Tributary.Rooms.Gateway");

    public async Task HandleAsync(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (upgrade is not { IsUpgradableRequest: true }
            || !HttpMethods.IsGet(context.Request.Method)
            || !context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
            || context.Request.Headers["Sec-WebSocket-Version"].ToString() != "13"
            || key.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("/signal expects a WebSocket upgrade (version 13)\n");
            return;
        }

        var token = context.Request.Query["token"].ToString();
        if (token.Length == 0 && context.Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization["Bearer ".Length..].Trim();
        }

        var (userId, error) = await tokens.ValidateAsync(token);
        if (userId is null)
        {
            LogRejected(_logger, error ?? "invalid token");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsync("a valid access token is required (?token= or Authorization: Bearer)\n");
            return;
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Rfc6455Guid)));
        var stream = new FrameLimitStream(await upgrade.UpgradeAsync(), options.Value.MaxFrameBytes);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(30) });
        LogConnected(_logger, userId);
        var connection = new SignalConnection(socket, stream, context.Abort, userId, relay, grains, options.Value, environment.IsDevelopment(), time, _logger, metrics);
        await connection.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
        LogDisconnected(_logger, userId);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Socket of user {UserId} connected")]
    private static partial void LogConnected(ILogger logger, string userId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Socket of user {UserId} closed")]
    private static partial void LogDisconnected(ILogger logger, string userId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Upgrade to /signal refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
