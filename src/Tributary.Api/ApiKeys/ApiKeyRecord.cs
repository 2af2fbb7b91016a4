namespace Tributary.Api.ApiKeys;

/// <summary>A row of <c>api_keys</c> (without the secret's hash). Times are Unix milliseconds.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string Scopes, string CreatedBy, long CreatedAt, long? RevokedAt)
{
    /// <summary>The scopes as a set (stored space-separated).</summary>
    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
