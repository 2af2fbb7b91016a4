namespace Tributary.Media.Janus;

/// <summary>
/// Janus (a broken dependency, not a client's mistake) refused or failed a request: a Janus API error, a
/// VideoRoom error (<see cref="FromPlugin"/>), or Janus not answering (<see cref="JanusErrorCodes.Unreachable"/>,
/// <see cref="JanusErrorCodes.Timeout"/>). The media engine maps these to SIGNALING.md codes.
/// </summary>
public sealed class JanusException : Exception
{
    /// <summary>Creates an exception with Janus's code and reason.</summary>
    public JanusException(int code, string reason, bool fromPlugin = false, Exception? innerException = null)
        : base($"Janus {(fromPlugin ? "plugin " : "")}error {code}: {reason}", innerException)
    {
        Code = code;
        Reason = reason;
        FromPlugin = fromPlugin;
    }

    /// <summary>Creates an exception without a Janus code.</summary>
    public JanusException()
        : this(JanusErrorCodes.Unreachable, "unknown")
    {
    }

    /// <summary>Creates an exception without a Janus code.</summary>
    public JanusException(string message)
        : this(JanusErrorCodes.Unreachable, message)
    {
    }

    /// <summary>Creates an exception without a Janus code.</summary>
    public JanusException(string message, Exception innerException)
        : this(JanusErrorCodes.Unreachable, message, false, innerException)
    {
    }

    /// <summary>The Janus API code (e.g. 458), the plugin's <c>error_code</c> (e.g. VideoRoom 426) or one of ours (&lt; 0).</summary>
    public int Code { get; }

    /// <summary>Janus's reason text.</summary>
    public string Reason { get; }

    /// <summary>True when the VideoRoom plugin (not the Janus core) refused the request.</summary>
    public bool FromPlugin { get; }
}
