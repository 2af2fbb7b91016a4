namespace Tributary.Api.ApiKeys;

/// <summary>A new API key: the full key text (shown once) and its record.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyRecord ApiKey);
