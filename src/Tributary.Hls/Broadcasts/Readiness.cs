namespace Tributary.Hls.Broadcasts;

// The answer to a blocking playlist reload, now.
internal enum Readiness
{
    Ready,
    Wait,
    TooFarAhead,
}
