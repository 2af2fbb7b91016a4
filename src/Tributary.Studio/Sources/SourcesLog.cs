using Microsoft.Extensions.Logging;

namespace Tributary.Studio.Sources;

internal static partial class SourcesLog
{
    [LoggerMessage(EventId = 7220, Level = LogLevel.Information, Message = "Room {RoomId}: publisher {SessionId} forwarded to the studio (audio {AudioCodec}, video {VideoCodec})")]
    public static partial void Forwarded(ILogger logger, string roomId, string sessionId, string audioCodec, string videoCodec);

    [LoggerMessage(EventId = 7221, Level = LogLevel.Warning, Message = "Room {RoomId}: could not look up or tap the studio's publisher {SessionId}")]
    public static partial void LookupFailed(ILogger logger, string roomId, string sessionId, Exception exception);

    [LoggerMessage(EventId = 7222, Level = LogLevel.Warning, Message = "Room {RoomId}: the munit refused to tap publisher {SessionId} for the studio: {Code} {Reason}")]
    public static partial void TapRefused(ILogger logger, string roomId, string sessionId, int code, string reason);

    [LoggerMessage(EventId = 7223, Level = LogLevel.Debug, Message = "Room {RoomId}: closing the studio's tap of {SessionId} failed (the munit is gone): {Reason}")]
    public static partial void CloseFailed(ILogger logger, string roomId, string sessionId, string reason);
}
