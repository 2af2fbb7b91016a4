using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Social;

namespace Tributary.Api.Subscriptions;

/// <summary>GraphQL <c>RoomEvent</c>.</summary>
public sealed class RoomEventType : ObjectGraphType<RoomEvent>
{
    /// <summary>Defines the fields.</summary>
    public RoomEventType()
    {
        Name = "RoomEvent";
        Field<NonNullGraphType<StringGraphType>>("kind").Description("ROOM_ENDED, REACTION, MESSAGE_DELETED or CALL_DECLINED.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("roomId").Resolve(ctx => ctx.Source.RoomId);
        Field<UserType>("actor").Resolve(ctx => ctx.Source.ActorId is { } id ? SocialLoaders.Users(ctx).Load(id) : null);
        Field<IdGraphType>("messageId").Description("MESSAGE_DELETED: the message.").Resolve(ctx => ctx.Source.MessageId);
        Field<StringGraphType>("emoji").Description("REACTION: the emoji.").Resolve(ctx => ctx.Source.Emoji);
    }
}
