using Microsoft.Extensions.Logging;

namespace Tributary.Media.Janus;

public sealed partial class JanusMediaEngine
{
    private static partial class Log
    {
        [LoggerMessage(6300, LogLevel.Information, "Room {RoomId}: station of {SessionId} on handle {Handle}")]
        public static partial void StationCreated(ILogger logger, string roomId, string sessionId, long handle);

        [LoggerMessage(6301, LogLevel.Information, "Room {RoomId}: station of {SessionId} renegotiated (restarting: {Restarting})")]
        public static partial void StationRenegotiated(ILogger logger, string roomId, string sessionId, bool restarting);

        [LoggerMessage(6302, LogLevel.Information, "Room {RoomId}: downlink {PublisherSessionId} -> {ViewerSessionId} on handle {Handle}")]
        public static partial void DownlinkCreated(ILogger logger, string roomId, string viewerSessionId, string publisherSessionId, long handle);

        [LoggerMessage(6303, LogLevel.Information, "Room {RoomId}: released {SessionId} ({Handles} handles)")]
        public static partial void SessionReleased(ILogger logger, string roomId, string sessionId, int handles);

        [LoggerMessage(6304, LogLevel.Warning, "{Signal} in room {RoomId} failed with {Code}: {Reason}")]
        public static partial void JanusFailed(ILogger logger, string signal, string roomId, int code, string reason);

        [LoggerMessage(6305, LogLevel.Warning, "Detaching handle {Handle} failed: {Reason}")]
        public static partial void DetachFailed(ILogger logger, long handle, string reason);
    }
}
