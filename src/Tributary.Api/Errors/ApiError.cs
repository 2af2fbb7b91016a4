using GraphQL;

namespace Tributary.Api.Errors;

/// <summary>A client-caused error as a value: a code from <see cref="ErrorCodes"/> and a message for the client.</summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What went wrong, in words the client can show.</param>
/// <param name="Field">For <see cref="ErrorCodes.BadUserInput"/>: the argument at fault (<c>extensions.field</c>).</param>
/// <param name="RetryAfter">For <see cref="ErrorCodes.RateLimited"/>: when to try again (<c>extensions.retryAfterSeconds</c>).</param>
public sealed record ApiError(string Code, string Message, string? Field = null, TimeSpan? RetryAfter = null)
{
    /// <summary>A <see cref="ErrorCodes.BadUserInput"/> error about <paramref name="field"/>.</summary>
    public static ApiError BadInput(string field, string message) => new(ErrorCodes.BadUserInput, message, field);

    /// <summary>A <see cref="ErrorCodes.Unauthenticated"/> error.</summary>
    public static ApiError Unauthenticated(string message = "Sign in first.") => new(ErrorCodes.Unauthenticated, message);

    /// <summary>A <see cref="ErrorCodes.Forbidden"/> error.</summary>
    public static ApiError Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    /// <summary>A <see cref="ErrorCodes.NotFound"/> error.</summary>
    public static ApiError NotFound(string message) => new(ErrorCodes.NotFound, message);

    /// <summary>The GraphQL error carrying this value.</summary>
    public ExecutionError ToExecutionError()
    {
        var error = new ExecutionError(Message) { Code = Code };
        if (Field is not null)
        {
            error.Data["field"] = Field;
        }

        if (RetryAfter is { } retry)
        {
            error.Data["retryAfterSeconds"] = (int)Math.Ceiling(retry.TotalSeconds);
        }

        return error;
    }
}
