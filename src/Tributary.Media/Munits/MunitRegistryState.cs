namespace Tributary.Media.Munits;

/// <summary>What the munit registry persists.</summary>
[GenerateSerializer]
public sealed class MunitRegistryState
{
    /// <summary>Registered munit ids.</summary>
    [Id(0)] public HashSet<string> MunitIds { get; set; } = [];
}
