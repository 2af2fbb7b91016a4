using Microsoft.Extensions.Logging;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Room {RoomId} created ({Channel})")]
    private static partial void LogRoomCreated(ILogger logger, string roomId, string channel);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Room {RoomId} ended")]
    private static partial void LogRoomEnded(ILogger logger, string roomId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Room {RoomId}: session {SessionId} joined as {Role}")]
    private static partial void LogJoined(ILogger logger, string roomId, string sessionId, string role);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Room {RoomId}: session {SessionId} re-joined")]
    private static partial void LogRejoined(ILogger logger, string roomId, string sessionId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Room {RoomId}: session {SessionId} removed ({Reason})")]
    private static partial void LogLeft(ILogger logger, string roomId, string sessionId, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Room {RoomId}: session {SessionId} promoted to publisher")]
    private static partial void LogPromoted(ILogger logger, string roomId, string sessionId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Room {RoomId} restored with {Members} members")]
    private static partial void LogRoomRestored(ILogger logger, string roomId, int members);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Room {RoomId}: p2p callee did not join in time; call ended")]
    private static partial void LogCallUnanswered(ILogger logger, string roomId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Room {RoomId}: delivery to a gateway failed")]
    private static partial void LogDeliveryFailed(ILogger logger, string roomId, Exception exception);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error, Message = "Room {RoomId}: media engine call failed")]
    private static partial void LogMediaFailed(ILogger logger, string roomId, Exception exception);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Room {RoomId}: presence sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, string roomId, Exception exception);
}
