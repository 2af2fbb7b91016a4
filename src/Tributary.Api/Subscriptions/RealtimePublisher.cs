using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tributary.Api.Realtime;
using Tributary.Data.Chat;
using Tributary.Data.Notifications;

namespace Tributary.Api.Subscriptions;

/// <summary>
/// Publishes business events on the cluster-wide <see cref="TopicHub"/>. Called after the database
/// commit; a failed publish is logged and swallowed (the durable record exists, the live push is lost:
/// clients catch up through the queries).
/// </summary>
public sealed partial class RealtimePublisher(TopicHub hub, ILogger<RealtimePublisher> logger)
{
    /// <summary>A notification to its user.</summary>
    public Task NotificationAsync(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return PublishAsync(Topics.Notifications(notification.UserId), "notification", JsonSerializer.Serialize(notification, RealtimeJson.Default.Notification));
    }

    /// <summary>A new chat message to its room.</summary>
    public Task MessageAsync(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PublishAsync(Topics.Messages(message.RoomId), "message.created", JsonSerializer.Serialize(message, RealtimeJson.Default.ChatMessage));
    }

    /// <summary>A room event to its room.</summary>
    public Task RoomEventAsync(RoomEvent roomEvent)
    {
        ArgumentNullException.ThrowIfNull(roomEvent);
        return PublishAsync(Topics.RoomEvents(roomEvent.RoomId), roomEvent.Kind, JsonSerializer.Serialize(roomEvent, RealtimeJson.Default.RoomEvent));
    }

    /// <summary>A ringing call to its callee.</summary>
    public Task IncomingCallAsync(IncomingCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return PublishAsync(Topics.Calls(call.CalleeId), "call.incoming", JsonSerializer.Serialize(call, RealtimeJson.Default.IncomingCall));
    }

    private async Task PublishAsync(string topic, string kind, string payload)
    {
        try
        {
            await hub.PublishAsync(new TopicEvent(topic, kind, payload));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPublishFailed(logger, e, topic);
        }
    }

    [LoggerMessage(EventId = 3400, Level = LogLevel.Warning, Message = "Publishing on {Topic} failed; subscribers miss this event")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string topic);
}
