using Microsoft.Extensions.Logging;
using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    public Task<int> RestartStreamsAsync(IReadOnlyList<string> publisherSessionIds)
    {
        ArgumentNullException.ThrowIfNull(publisherSessionIds);
        var announced = 0;
        if (!Room.Exists || Room.Kind is not (RoomKind.M2m or RoomKind.A2m))
        {
            return Task.FromResult(announced);
        }

        foreach (var sessionId in publisherSessionIds.Distinct(StringComparer.Ordinal))
        {
            if (Room.Members.FirstOrDefault(m => m.Session.SessionId == sessionId) is not { Publishing: true })
            {
                // Left, or never had a live uplink: nobody has anything of it to restart.
                continue;
            }

            Deliver(Room.Members, RestartBody(sessionId));
            LogStreamRestarted(_logger, RoomId, sessionId);
            announced++;
        }

        return Task.FromResult(announced);
    }

    /// <summary>RESTART: <c>{"c":200,"s":"RESTART","b":{"rid","id"}}</c> with the publisher's session id.</summary>
    private string RestartBody(string publisherSessionId) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("c", SignalCodes.Ok);
        w.WriteString("s", SignalNames.Restart);
        w.WriteStartObject("b");
        w.WriteString("rid", RoomId);
        w.WriteString("id", publisherSessionId);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    [LoggerMessage(EventId = 7040, Level = LogLevel.Information, Message = "Room {RoomId}: RESTART sent for the stream of {SessionId} (its media server was lost)")]
    private static partial void LogStreamRestarted(ILogger logger, string roomId, string sessionId);
}
