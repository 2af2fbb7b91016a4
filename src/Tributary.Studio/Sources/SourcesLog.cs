using Microsoft.Extensions.Logging;

namespace Tributary.Studio.Sources;

internal static partial class SourcesLog
{
    [LoggerMessage(EventId = 7220, Level = LogLevel.Information, Message = "Room {RoomId}: publisher {SessionId} forwarded to the studio (audio {AudioCodec}, video {VideoCodec})")]
    public static partial void Forwarded(ILogger logger, string roomId, string sessionId, string audioCodec, string videoCodec);

    [LoggerMessage(EventId = 7221, Level = LogLevel.Warning, Message = "Room {RoomId}: could not look up or forward the studio's publishers")]
    public static partial void LookupFailed(ILogger logger, string roomId, Exception exception);
}
