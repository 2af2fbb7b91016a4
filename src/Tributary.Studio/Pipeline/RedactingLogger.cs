using Microsoft.Extensions.Logging;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// A logger that blanks a secret (a stream key, an ingest passphrase) out of every message: a relay's
/// command line and ffmpeg's error lines name the full RTMP URL, key included.
/// </summary>
internal sealed class RedactingLogger(ILogger inner, string secret) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception).Replace(secret, "***", StringComparison.Ordinal);
        inner.Log(logLevel, eventId, message, exception, static (m, _) => m);
    }
}
