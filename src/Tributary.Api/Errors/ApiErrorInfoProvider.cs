using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace Tributary.Api.Errors;

/// <summary>
/// Shapes every GraphQL error: <c>extensions.code</c> is always one of <see cref="ErrorCodes"/>, and
/// INTERNAL errors say nothing about the cause unless details are exposed (Development).
/// </summary>
public sealed class ApiErrorInfoProvider : IErrorInfoProvider
{
    private static readonly HashSet<string> OwnCodes =
    [
        ErrorCodes.Unauthenticated, ErrorCodes.Forbidden, ErrorCodes.BadUserInput, ErrorCodes.NotFound,
        ErrorCodes.Internal, ErrorCodes.RateLimited, ErrorCodes.ParseFailed, ErrorCodes.ValidationFailed, ErrorCodes.BadRequest,
        ErrorCodes.StudioCapacity,
    ];

    private readonly bool _exposeDetails;
    private readonly ErrorInfoProvider _inner;

    /// <summary>Creates the provider; <paramref name="exposeDetails"/> adds exception details to INTERNAL errors.</summary>
    public ApiErrorInfoProvider(bool exposeDetails)
    {
        _exposeDetails = exposeDetails;
        _inner = new ErrorInfoProvider(o =>
        {
            o.ExposeCode = false;
            o.ExposeCodes = false;
            o.ExposeData = false;
            o.ExposeExceptionDetails = exposeDetails;
        });
    }

    /// <summary>The <see cref="ErrorCodes"/> value for <paramref name="error"/>.</summary>
    public static string Classify(ExecutionError error) => error switch
    {
        { Code: { } code } when OwnCodes.Contains(code) => code,
        InvalidVariableError => ErrorCodes.BadUserInput,
        SyntaxError => ErrorCodes.ParseFailed,
        ValidationError => ErrorCodes.ValidationFailed,
        UnhandledError or TimeoutError => ErrorCodes.Internal,
        DocumentError => ErrorCodes.BadRequest,
        _ => ErrorCodes.Internal,
    };

    /// <inheritdoc />
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var code = Classify(executionError);
        var info = _inner.GetInfo(executionError);
        if (code == ErrorCodes.Internal && !_exposeDetails)
        {
            return new ErrorInfo
            {
                Message = "Internal server error.",
                Extensions = new Dictionary<string, object?> { ["code"] = code },
            };
        }

        var extensions = info.Extensions ?? new Dictionary<string, object?>();
        // Our few keys (field, retryAfterSeconds) read better flat than under "data".
        foreach (System.Collections.DictionaryEntry entry in executionError.Data)
        {
            if (entry.Key is string key)
            {
                extensions[key] = entry.Value;
            }
        }

        extensions["code"] = code;
        info.Extensions = extensions;
        return info;
    }
}
