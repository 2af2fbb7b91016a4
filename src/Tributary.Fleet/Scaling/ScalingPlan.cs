namespace Tributary.Fleet.Scaling;

/// <summary>What one <see cref="Autoscaler.Decide"/> step asks for.</summary>
/// <param name="Demand">Load in munits' worth: the most used resource summed over live munits, divided by one munit's capacity.</param>
/// <param name="Utilisation">Demand over active plus starting munits (0 with no demand).</param>
/// <param name="Desired">Munits the fleet should have active after this step.</param>
/// <param name="Start">New munits to start through the provider.</param>
/// <param name="Revive">Draining munits to make active again (cheaper than starting new ones).</param>
/// <param name="Drain">Active munits to drain, emptiest first.</param>
/// <param name="Stop">Munits to stop: draining ones that are empty or past the drain deadline, and dead ones.</param>
/// <param name="Error">Why the input was refused; every list is then empty.</param>
public sealed record ScalingPlan(
    double Demand,
    double Utilisation,
    int Desired,
    int Start,
    IReadOnlyList<string> Revive,
    IReadOnlyList<string> Drain,
    IReadOnlyList<string> Stop,
    string? Error = null)
{
    /// <summary>A plan that changes nothing because the input was malformed.</summary>
    public static ScalingPlan Invalid(string error) => new(0, 0, 0, 0, [], [], [], error);

    /// <summary>True when the plan asks for nothing.</summary>
    public bool IsEmpty => Start == 0 && Revive.Count == 0 && Drain.Count == 0 && Stop.Count == 0;
}
