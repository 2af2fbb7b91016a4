using Microsoft.Extensions.Logging;

namespace Tributary.Rooms.Gateway;

internal sealed partial class SignalConnection
{
    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Socket of user {UserId} disconnected: {Capacity} messages queued and not read")]
    private static partial void LogSlowClient(ILogger logger, string userId, int capacity);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Socket of user {UserId} closed (1009): {What} over {Limit} bytes")]
    private static partial void LogTooBig(ILogger logger, string userId, string what, int limit);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Socket of user {UserId} closed (1008): rate limit exceeded")]
    private static partial void LogRateLimited(ILogger logger, string userId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Debug, Message = "Invalid signal from user {UserId}: {Code} {Reason}")]
    private static partial void LogInvalid(ILogger logger, string userId, int code, string reason);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Error, Message = "Room {RoomId} failed on {Signal}")]
    private static partial void LogRoomFailed(ILogger logger, string roomId, string signal, Exception exception);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Debug, Message = "Socket of user {UserId} lost: {Reason}")]
    private static partial void LogSocketLost(ILogger logger, string userId, string reason);
}
