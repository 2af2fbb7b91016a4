using GraphQL.Validation;

namespace Tributary.Api.Http;

/// <summary>A mutation or subscription sent by HTTP GET: answered with 405 and <c>Allow: POST</c>.</summary>
public sealed class HttpGetMutationError : ValidationError
{
    /// <summary>Creates the error.</summary>
    public HttpGetMutationError(string operationType)
        : base($"Only queries may be sent by GET; send this {operationType} by POST.")
    {
    }
}
