using System.Buffers;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Tributary.Api.Auth;
using Tributary.Api.Errors;
using Tributary.Api.Schema;

namespace Tributary.Api.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with <c>application/json</c>, GET for queries,
/// answers in <c>application/json</c> or <c>application/graphql-response+json</c> as the client accepts.
/// With <c>application/json</c> every well-formed request answers 200; with
/// <c>application/graphql-response+json</c> a request that never reached execution answers 400.
/// </summary>
public sealed partial class GraphQLHttpEndpoint(
    IDocumentExecuter<TributarySchema> executer,
    IGraphQLTextSerializer serializer,
    Authenticator authenticator,
    IOptions<ApiOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    /// <summary>The spec's own response media type.</summary>
    public const string GraphQLResponseMediaType = "application/graphql-response+json";

    private const string JsonMediaType = "application/json";

    /// <summary>Handles one request to <c>/graphql</c>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = "GET, POST";
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!TryNegotiate(request.Headers.Accept, out var mediaType))
        {
            response.StatusCode = StatusCodes.Status406NotAcceptable;
            return;
        }

        var max = options.Value.MaxRequestBytes;
        GraphQLRequest? graphQLRequest;
        string? badRequest;
        if (isGet)
        {
            if (request.QueryString.Value?.Length > max)
            {
                await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status413PayloadTooLarge, $"The query string is larger than {max} bytes.");
                return;
            }

            (graphQLRequest, badRequest) = ReadGet(request.Query);
        }
        else
        {
            if (!IsJsonContentType(request.ContentType, out var unsupported))
            {
                await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status415UnsupportedMediaType, unsupported);
                return;
            }

            if (request.ContentLength > max)
            {
                await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {max} bytes.");
                return;
            }

            var body = await ReadBodyAsync(request, max, context.RequestAborted);
            if (body is null)
            {
                await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {max} bytes.");
                return;
            }

            (graphQLRequest, badRequest) = await ParsePostAsync(body, context.RequestAborted);
        }

        if (graphQLRequest is null)
        {
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status400BadRequest, badRequest ?? "Bad request.");
            return;
        }

        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var authentication = await authenticator.AuthenticateAsync(context, remote);
        if (authentication.Caller is not { } caller)
        {
            LogRefused(logger, remote, authentication.Failure);
            response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteAsync(context, mediaType, StatusCodes.Status401Unauthorized, ErrorResult(ErrorCodes.Unauthenticated, authentication.Failure ?? "Invalid credentials."));
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = graphQLRequest.Query,
            OperationName = graphQLRequest.OperationName,
            Variables = graphQLRequest.Variables,
            Extensions = graphQLRequest.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            UserContext = new ApiUserContext(caller, isGet),
            CancellationToken = context.RequestAborted,
        });

        var status = StatusCodes.Status200OK;
        if (result.Errors?.Any(e => e is HttpGetMutationError) == true)
        {
            response.Headers.Allow = "POST";
            status = StatusCodes.Status405MethodNotAllowed;
        }
        else if (!result.Executed && mediaType == GraphQLResponseMediaType)
        {
            status = StatusCodes.Status400BadRequest;
        }

        await WriteAsync(context, mediaType, status, result);
    }

    private static bool TryNegotiate(StringValues accept, out string mediaType)
    {
        mediaType = JsonMediaType;
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var values))
        {
            // The spec: a request without Accept is treated as accepting application/json.
            return true;
        }

        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1.0))
        {
            if (value.Quality == 0)
            {
                continue;
            }

            if (value.MediaType.Equals(GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase))
            {
                mediaType = GraphQLResponseMediaType;
                return true;
            }

            if (value.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
                || value.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || value.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                mediaType = JsonMediaType;
                return true;
            }
        }

        return false;
    }

    private static bool IsJsonContentType(string? contentType, out string problem)
    {
        problem = "Send the request as Content-Type: application/json.";
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        if (!parsed.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Only the utf-8 charset is accepted.";
            return false;
        }

        return true;
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<(GraphQLRequest? Request, string? Problem)> ParsePostAsync(byte[] body, CancellationToken cancellationToken)
    {
        if (body.Length == 0)
        {
            return (null, "The request body is empty; send {\"query\": \"...\"}.");
        }

        GraphQLRequest? parsed;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            parsed = await serializer.ReadAsync<GraphQLRequest>(stream, cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or InvalidCastException)
        {
            return (null, "The request body is not a valid GraphQL request: a JSON object with a string \"query\".");
        }

        return parsed is { Query.Length: > 0 }
            ? (parsed, null)
            : (null, "The request has no \"query\".");
    }

    private (GraphQLRequest? Request, string? Problem) ReadGet(IQueryCollection query)
    {
        var text = query["query"];
        if (text.Count != 1 || string.IsNullOrEmpty(text[0]))
        {
            return (null, "The request has no \"query\" parameter.");
        }

        var request = new GraphQLRequest { Query = text[0], OperationName = query["operationName"].FirstOrDefault() };
        try
        {
            if (query["variables"].FirstOrDefault() is { Length: > 0 } variables)
            {
                request.Variables = serializer.Deserialize<Inputs>(variables);
            }

            if (query["extensions"].FirstOrDefault() is { Length: > 0 } extensions)
            {
                request.Extensions = serializer.Deserialize<Inputs>(extensions);
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or InvalidCastException)
        {
            return (null, "\"variables\" and \"extensions\" must be JSON objects.");
        }

        return (request, null);
    }

    private static ExecutionResult ErrorResult(string code, string message) => new()
    {
        Executed = false,
        Errors = [new ExecutionError(message) { Code = code }],
    };

    private Task WriteRequestErrorAsync(HttpContext context, string mediaType, int status, string message) =>
        WriteAsync(context, mediaType, status, ErrorResult(ErrorCodes.BadRequest, message));

    private async Task WriteAsync(HttpContext context, string mediaType, int status, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Refused credentials from {Remote}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string remote, string? reason);
}
