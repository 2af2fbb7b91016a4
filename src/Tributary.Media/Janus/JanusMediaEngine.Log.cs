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

        [LoggerMessage(6306, LogLevel.Debug, "Handle {Handle}: PeerConnection up")]
        public static partial void MediaUp(ILogger logger, long handle);

        [LoggerMessage(6307, LogLevel.Debug, "Handle {Handle}: PeerConnection down ({Reason})")]
        public static partial void MediaDown(ILogger logger, long handle, string reason);

        [LoggerMessage(6308, LogLevel.Debug, "Downlink handle {Handle} now relays substream {Substream}")]
        public static partial void SubstreamSwitched(ILogger logger, long handle, int substream);

        [LoggerMessage(6309, LogLevel.Warning, "Reading the events of Janus session {SessionId} failed: {Reason}")]
        public static partial void EventPumpFailed(ILogger logger, long sessionId, string reason);

        [LoggerMessage(6310, LogLevel.Warning, "Room {RoomId}: the uplink of {SessionId} was not up after {Timeout}; subscribing anyway")]
        public static partial void PublisherNotReady(ILogger logger, string roomId, string sessionId, TimeSpan timeout);

        [LoggerMessage(6311, LogLevel.Debug, "Room {RoomId}: downlink handle {Handle} not yet on substream {Substream} after keyframe request {Attempt}")]
        public static partial void LayerSwitchPending(ILogger logger, string roomId, long handle, int substream, int attempt);

        [LoggerMessage(6312, LogLevel.Information, "Room {RoomId}: {SessionId} relays audio {Audio}, video {Video}")]
        public static partial void SendingChanged(ILogger logger, string roomId, string sessionId, bool audio, bool video);

        [LoggerMessage(6850, LogLevel.Information, "Room {RoomId}: forward {ForwardId} of {SessionId} opened here (remote publisher) on {Host}:{Port}")]
        public static partial void ForwardOpened(ILogger logger, string roomId, string sessionId, string forwardId, string host, int port);

        [LoggerMessage(6851, LogLevel.Information, "Room {RoomId}: station of {SessionId} forwarded ({ForwardId}) to {Host}:{Port}")]
        public static partial void ForwardStarted(ILogger logger, string roomId, string sessionId, string forwardId, string host, int port);

        [LoggerMessage(6852, LogLevel.Information, "Room {RoomId}: forward {ForwardId} of {SessionId} stopped")]
        public static partial void ForwardStopped(ILogger logger, string roomId, string sessionId, string forwardId);

        [LoggerMessage(6853, LogLevel.Information, "Room {RoomId}: remote publisher {SessionId} of forward {ForwardId} removed")]
        public static partial void ForwardClosed(ILogger logger, string roomId, string sessionId, string forwardId);

        [LoggerMessage(6854, LogLevel.Debug, "Room {RoomId}: tearing down a forward failed with {Code} (already gone): {Reason}")]
        public static partial void ForwardTeardownFailed(ILogger logger, string roomId, int code, string reason);

        [LoggerMessage(6870, LogLevel.Information, "Room {RoomId}: station of {SessionId} tapped ({TapId}) to {Host} audio port {AudioPort} video port {VideoPort}")]
        public static partial void TapOpened(ILogger logger, string roomId, string sessionId, string tapId, string host, int audioPort, int videoPort);

        [LoggerMessage(6871, LogLevel.Information, "Room {RoomId}: tap {TapId} of {SessionId} closed")]
        public static partial void TapClosed(ILogger logger, string roomId, string sessionId, string tapId);

        [LoggerMessage(6800, LogLevel.Debug, "Room {RoomId}: downlink handle {Handle} auto layer: link quality {Quality} -> substream {Substream}")]
        public static partial void AutoLayerChosen(ILogger logger, string roomId, long handle, int? quality, int substream);
    }
}
