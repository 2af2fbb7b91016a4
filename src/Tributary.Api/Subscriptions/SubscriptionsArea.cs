using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GraphQL;
using GraphQL.Types;
using Tributary.Api.AppRooms;
using Tributary.Api.Business;
using Tributary.Api.Chat;
using Tributary.Api.Errors;
using Tributary.Api.Notifications;
using Tributary.Api.Realtime;
using Tributary.Api.Schema;

namespace Tributary.Api.Subscriptions;

/// <summary>
/// The subscriptions: notifications, incomingCall (your own), messages(roomId) and roomEvents(roomId)
/// (rooms you may see). Served over WebSocket (<c>graphql-transport-ws</c>) at <c>/graphql</c>; events
/// travel through the cluster's <see cref="TopicHub"/>, so they reach subscribers on every node.
/// </summary>
public sealed class SubscriptionsArea : ISubscriptionArea
{
    /// <summary>Key in the user context of the callback that drops a too-slow connection.</summary>
    public const string SlowSubscriberCallbackKey = "ws.onSlow";

    /// <inheritdoc />
    public void AddSubscriptionFields(ObjectGraphType subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Field<NotificationType>("notifications")
            .Description("Your new notifications as they are written. Users only.")
            .ResolveStreamAsync(async ctx =>
            {
                Deny(CallerRules.RequireUser(ctx.Caller(), out var me));
                return await StreamAsync(ctx, Topics.Notifications(me), RealtimeJson.Default.Notification);
            });
        subscription.Field<IncomingCallType>("incomingCall")
            .Description("Calls ringing you (callUser). Users only.")
            .ResolveStreamAsync(async ctx =>
            {
                Deny(CallerRules.RequireUser(ctx.Caller(), out var me));
                return await StreamAsync(ctx, Topics.Calls(me), RealtimeJson.Default.IncomingCall);
            });
        subscription.Field<ChatMessageType>("messages")
            .Description("New chat messages of a room you may see.")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .ResolveStreamAsync(async ctx =>
            {
                var roomId = await RoomAsync(ctx);
                return await StreamAsync(ctx, Topics.Messages(roomId), RealtimeJson.Default.ChatMessage);
            });
        subscription.Field<RoomEventType>("roomEvents")
            .Description("Events of a room you may see: ROOM_ENDED, REACTION, MESSAGE_DELETED, CALL_DECLINED.")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .ResolveStreamAsync(async ctx =>
            {
                var roomId = await RoomAsync(ctx);
                return await StreamAsync(ctx, Topics.RoomEvents(roomId), RealtimeJson.Default.RoomEvent);
            });
    }

    // GraphQL.NET reports an ExecutionError thrown by a stream resolver as the operation's error; this
    // is the one place an error value travels as an exception.
    private static void Deny(ApiError? error)
    {
        if (error is not null)
        {
            throw error.ToExecutionError();
        }
    }

    private static async Task<string> RoomAsync(IResolveFieldContext ctx)
    {
        Deny(CallerRules.RequireReader(ctx.Caller(), CallerRules.RoomsReadScope));
        var room = await AppRoomsArea.VisibleRoomAsync(ctx, ctx.GetArgument<string>("roomId"), "roomId");
        Deny(room.Error);
        return room.Value!.Id;
    }

    private static async Task<IObservable<object?>> StreamAsync<T>(IResolveFieldContext ctx, string topic, JsonTypeInfo<T> json)
        where T : class
    {
        var subscription = await ctx.Service<TopicHub>().SubscribeAsync(topic, ctx.CancellationToken);
        var onSlow = ctx.UserContext.TryGetValue(SlowSubscriberCallbackKey, out var callback) ? callback as Action : null;
        return new TopicObservable<T>(subscription, e => JsonSerializer.Deserialize(e.Payload, json), onSlow);
    }
}
