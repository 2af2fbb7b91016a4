using System.Buffers;
using Tributary.Api.Errors;

namespace Tributary.Api.Business;

/// <summary>
/// Shape check for ids arriving as arguments. Ours are GUIDs (with or without dashes); anything else
/// (too long, odd characters) is refused as BAD_USER_INPUT before it reaches a query, while a
/// well-formed id that names nothing is NOT_FOUND.
/// </summary>
public static class EntityIds
{
    /// <summary>Longest accepted id.</summary>
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("0123456789abcdefABCDEF-");

    /// <summary>True for a string that could be one of our ids.</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>Null when <paramref name="id"/> is well formed, else a BAD_USER_INPUT error about <paramref name="field"/>.</summary>
    public static ApiError? Check(string? id, string field) =>
        IsWellFormed(id) ? null : ApiError.BadInput(field, $"'{field}' is not a valid id.");
}
