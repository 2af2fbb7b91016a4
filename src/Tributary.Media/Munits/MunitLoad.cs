namespace Tributary.Media.Munits;

/// <summary>What a munit's Janus holds, read from Janus's admin API (not from our own bookkeeping).</summary>
/// <param name="Stations">VideoRoom publisher handles: one per publisher uplink.</param>
/// <param name="Downlinks">VideoRoom subscriber handles: one per (viewer, publisher).</param>
/// <param name="Handles">Every plugin handle, including ones not (yet) joined to a room.</param>
/// <param name="BitrateIn">Bits per second received over the last second, summed over handles (0 when no media flows).</param>
/// <param name="BitrateOut">Bits per second sent over the last second, summed over handles.</param>
/// <param name="Held">
/// The stations themselves, ordered by room and session; null when not read. A registry that has just been
/// (re)activated — its station map is in memory — learns from them where the running stations are.
/// </param>
[GenerateSerializer, Immutable]
public sealed record MunitLoad(
    [property: Id(0)] int Stations,
    [property: Id(1)] int Downlinks,
    [property: Id(2)] int Handles,
    [property: Id(3)] long BitrateIn,
    [property: Id(4)] long BitrateOut,
    [property: Id(5)] MunitStation[]? Held = null);
