namespace Tributary.Media.Processes;

/// <summary>What a <see cref="SupervisedProcess"/> runs: a program, its arguments and its environment.</summary>
/// <param name="FileName">The program's path.</param>
/// <param name="Arguments">Its arguments, each passed as one argv entry (never through a shell).</param>
/// <param name="WorkingDirectory">Its working directory; null keeps ours.</param>
/// <param name="Environment">Variables added to (or, with a null value, removed from) the inherited environment.</param>
public sealed record ProcessCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string?>? Environment = null)
{
    /// <summary>The command line for logs.</summary>
    public override string ToString() => Arguments.Count == 0 ? FileName : $"{FileName} {string.Join(' ', Arguments)}";
}
