using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Tributary.Api.Http;

/// <summary>
/// Keeps parsed and validated documents by query text, so a repeated query skips parsing and the
/// static validation rules (GraphQL.NET then runs only the rules marked for cached documents, such as
/// <see cref="HttpGetQueriesOnlyRule"/>). Apps send a few dozen distinct documents; the cache stops
/// growing at <see cref="ApiOptions.DocumentCacheEntries"/> and is cleared when full.
/// </summary>
public sealed class DocumentCache(IOptions<ApiOptions> options) : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>After the option configurations (100), before execution.</summary>
    public float SortOrder => 200;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(executionOptions);
        ArgumentNullException.ThrowIfNull(next);
        var limit = options.Value.DocumentCacheEntries;
        var query = executionOptions.Query;
        if (limit == 0 || executionOptions.Document is not null || query is null)
        {
            return await next(executionOptions);
        }

        if (_documents.TryGetValue(query, out var cached))
        {
            executionOptions.Document = cached;
            return await next(executionOptions);
        }

        var result = await next(executionOptions);
        // Executed means parsed and validated: safe to reuse for the same text.
        if (result.Executed && result.Document is { } document)
        {
            if (_documents.Count >= limit)
            {
                _documents.Clear();
            }

            _documents.TryAdd(query, document);
        }

        return result;
    }
}
