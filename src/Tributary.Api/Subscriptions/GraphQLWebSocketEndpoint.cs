using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tributary.Api.ApiKeys;
using Tributary.Api.Schema;
using Tributary.Auth;

namespace Tributary.Api.Subscriptions;

/// <summary>
/// GraphQL over WebSocket at <c>/graphql</c> with the <c>graphql-transport-ws</c> protocol (what the
/// <c>graphql-ws</c> npm client speaks). Each socket is one <see cref="GraphQLWebSocketSession"/>.
/// </summary>
public sealed partial class GraphQLWebSocketEndpoint(
    IDocumentExecuter<TributarySchema> executer,
    IGraphQLTextSerializer serializer,
    AccessTokens tokens,
    ApiKeyStore keys,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    /// <summary>The subprotocol.</summary>
    public const string Subprotocol = "graphql-transport-ws";

    /// <summary>Accepts the socket and runs the session until it closes.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var offered = context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered ? Subprotocol : null);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var session = new GraphQLWebSocketSession(socket, executer, serializer, tokens, keys, options.Value, time, logger, context.RequestServices, remote);
        if (!offered)
        {
            await session.CloseAsync(CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
            return;
        }

        LogOpened(logger, remote);
        await session.RunAsync(context.RequestAborted);
    }

    [LoggerMessage(EventId = 3450, Level = LogLevel.Debug, Message = "GraphQL WebSocket opened from {Remote}")]
    private static partial void LogOpened(ILogger logger, string remote);
}
