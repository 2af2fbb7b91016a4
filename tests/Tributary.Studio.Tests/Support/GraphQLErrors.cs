using System.Text.Json;

namespace Tributary.Studio.Tests.Support;

/// <summary>Reads the first GraphQL error of a response.</summary>
public static class GraphQLErrors
{
    public static (string? Code, string? Field) First(JsonElement body)
    {
        if (!body.TryGetProperty("errors", out var errors) || errors.GetArrayLength() == 0)
        {
            return (null, null);
        }

        var extensions = errors[0].GetProperty("extensions");
        return (extensions.GetProperty("code").GetString(), extensions.TryGetProperty("field", out var field) ? field.GetString() : null);
    }
}
