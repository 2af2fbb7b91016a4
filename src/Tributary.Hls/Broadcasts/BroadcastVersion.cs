namespace Tributary.Hls.Broadcasts;

/// <summary>
/// Which state of a broadcast an answer was composed from. <paramref name="Epoch"/> is random per grain
/// activation (a reactivated grain never repeats an earlier activation's versions),
/// <paramref name="Window"/> counts windows within it (a broadcast restarted under the same id reuses
/// media names), and <paramref name="Change"/> counts every change within the activation.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct BroadcastVersion(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Window,
    [property: Id(2)] long Change)
{
    /// <summary>True when this is a later state than <paramref name="other"/> of the same activation, or of another activation.</summary>
    public bool Supersedes(BroadcastVersion other) => Epoch != other.Epoch || Change > other.Change;
}
