using System.ComponentModel.DataAnnotations;

namespace Tributary.Api;

/// <summary>Section <c>Api</c>: limits of the GraphQL endpoint.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>
    /// Largest accepted request body (POST) or query string (GET), in bytes; larger gets HTTP 413.
    /// Default 65536 (64 KiB): our largest legitimate documents are a few KiB, and the parser's work
    /// grows with the input, so the limit bounds per-request CPU and memory before anything is parsed.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Deepest allowed selection nesting. Default 15: the standard introspection query (GraphiQL's,
    /// with its 8 levels of <c>ofType</c>) needs 13, our own queries far less.
    /// </summary>
    [Range(1, 100)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Highest allowed complexity (GraphQL.NET's analyzer: 1 per field, a list's children count 5 times;
    /// introspection fields count once). Default 10000: GraphiQL's full introspection query scores 5883
    /// with the app's schema (it grows with the schema), <c>me</c> 7;
    /// a costlier document is refused before execution.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxComplexity { get; set; } = 10000;

    /// <summary>
    /// Parsed and validated documents kept by query text (0 disables the cache). Default 1000: apps send
    /// a few dozen distinct documents, each a few KiB parsed, so the bound is a few MiB at most; parsing
    /// and validating <c>me</c> costs more than executing it.
    /// </summary>
    [Range(0, 100_000)]
    public int DocumentCacheEntries { get; set; } = 1000;

    /// <summary>
    /// Put exception messages and stack traces into INTERNAL errors. Default null: only in Development.
    /// </summary>
    public bool? ExposeExceptionDetails { get; set; }
}
