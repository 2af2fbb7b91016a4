using Microsoft.Extensions.Logging;

namespace Tributary.Media.Janus;

public sealed partial class JanusSession
{
    private static partial class Log
    {
        [LoggerMessage(6200, LogLevel.Debug, "Janus session {SessionId} created")]
        public static partial void SessionCreated(ILogger logger, long sessionId);

        [LoggerMessage(6201, LogLevel.Information, "Janus session {SessionId} closed: {Reason}")]
        public static partial void SessionClosed(ILogger logger, long sessionId, string reason);

        [LoggerMessage(6202, LogLevel.Warning, "Janus session {SessionId}: long poll failed: {Reason}")]
        public static partial void PollFailed(ILogger logger, long sessionId, string reason);

        [LoggerMessage(6203, LogLevel.Debug, "Janus session {SessionId}: event {Kind} for handle {HandleId}")]
        public static partial void Event(ILogger logger, long sessionId, string kind, long? handleId);

        [LoggerMessage(6204, LogLevel.Warning, "Janus session {SessionId}: event queue full, dropped the oldest to keep {Kind}")]
        public static partial void EventDropped(ILogger logger, long sessionId, string kind);

        [LoggerMessage(6205, LogLevel.Warning, "Janus session {SessionId}: destroy failed: {Reason}")]
        public static partial void DestroyFailed(ILogger logger, long sessionId, string reason);

        [LoggerMessage(6206, LogLevel.Warning, "Janus session {SessionId}: keepalive failed: {Reason}")]
        public static partial void KeepAliveFailed(ILogger logger, long sessionId, string reason);
    }
}
