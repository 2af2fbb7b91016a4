namespace Tributary.Media.Munits;

/// <summary>How a munit's Janus is doing, as its regulator reports it.</summary>
public enum JanusHealth
{
    /// <summary>Started, not answering yet.</summary>
    Starting,
    /// <summary>Answering its health probe.</summary>
    Healthy,
    /// <summary>Died or stopped answering; the regulator is restarting it (its rooms' media is lost).</summary>
    Restarting,
    /// <summary>Stopped for good (the media process is shutting down).</summary>
    Stopped,
}
