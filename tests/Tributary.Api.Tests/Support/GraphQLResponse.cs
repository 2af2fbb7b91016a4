using System.Net;
using System.Text.Json;

namespace Tributary.Api.Tests.Support;

/// <summary>An HTTP answer of /graphql: status, content type and the parsed body.</summary>
public sealed record GraphQLResponse(HttpStatusCode Status, string? ContentType, JsonElement Body)
{
    /// <summary>data.&lt;field&gt;.</summary>
    public JsonElement Data(string field) => Body.GetProperty("data").GetProperty(field);

    /// <summary>The first error's extensions.code, or null.</summary>
    public string? ErrorCode => Body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
        ? errors[0].GetProperty("extensions").GetProperty("code").GetString()
        : null;

    /// <summary>The first error's message, or null.</summary>
    public string? ErrorMessage => Body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
        ? errors[0].GetProperty("message").GetString()
        : null;

    /// <summary>The first error's extensions.field, or null.</summary>
    public string? ErrorField => Body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
        && errors[0].GetProperty("extensions").TryGetProperty("field", out var fieldValue)
        ? fieldValue.GetString()
        : null;

    /// <summary>True when the body has no errors.</summary>
    public bool Ok => !Body.TryGetProperty("errors", out _);
}
