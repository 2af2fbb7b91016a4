using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Social;
using Tributary.Data.Chat;

namespace Tributary.Api.Chat;

/// <summary>GraphQL <c>Message</c>: a chat message of a room; deleted ones keep their place with empty text.</summary>
public sealed class ChatMessageType : ObjectGraphType<ChatMessage>
{
    /// <summary>Defines the fields.</summary>
    public ChatMessageType()
    {
        Name = "Message";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("roomId").Resolve(ctx => ctx.Source.RoomId);
        Field<UserType>("author").Resolve(ctx => SocialLoaders.Users(ctx).Load(ctx.Source.UserId));
        Field<NonNullGraphType<StringGraphType>>("text").Description("Empty once deleted.").Resolve(ctx => ctx.Source.Body);
        Field<NonNullGraphType<BooleanGraphType>>("deleted").Resolve(ctx => ctx.Source.Deleted);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
    }
}
