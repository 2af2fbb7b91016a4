using Microsoft.Extensions.Logging;

namespace Tributary.Media.Forwarding;

internal static partial class ForwardingLog
{
    [LoggerMessage(EventId = 5107, Level = LogLevel.Information, Message = "Room {RoomId}: station {SessionId} forwarded to HLS (audio port {AudioPort}, video port {VideoPort})")]
    public static partial void Started(ILogger logger, string roomId, string sessionId, int audioPort, int videoPort);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "Room {RoomId}: station {SessionId} could not be forwarded to HLS; it publishes without")]
    public static partial void Failed(ILogger logger, string roomId, string sessionId, Exception exception);
}
