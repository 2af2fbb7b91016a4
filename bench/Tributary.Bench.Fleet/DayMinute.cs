namespace Tributary.Bench.Fleet;

/// <summary>One simulated minute of <see cref="DaySimulation"/>: what the curve asked for and what the fleet ran.</summary>
/// <param name="Minute">Minutes since midnight.</param>
/// <param name="TargetSessions">Concurrent sessions the day curve asks for.</param>
/// <param name="Sessions">Concurrent sessions placed.</param>
/// <param name="Munits">Active and draining munits.</param>
/// <param name="Demand">The load in munits (load ÷ capacity): the perfectly packed fleet.</param>
internal sealed record DayMinute(int Minute, long TargetSessions, long Sessions, int Munits, double Demand);
