using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.AppRooms;
using Tributary.Api.Social;
using Tributary.Data.Notifications;

namespace Tributary.Api.Notifications;

/// <summary>GraphQL <c>Notification</c>; actor and room are batch-loaded.</summary>
public sealed class NotificationType : ObjectGraphType<Notification>
{
    /// <summary>Defines the fields.</summary>
    public NotificationType()
    {
        Name = "Notification";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<NotificationKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<UserType>("actor").Description("Who caused it.").Resolve(ctx => ctx.Source.ActorId is { } id ? SocialLoaders.Users(ctx).Load(id) : null);
        Field<AppRoomType>("room").Description("The room it is about (live or call notifications).").Resolve(ctx => ctx.Source.RoomId is { } id ? AppRoomLoaders.Rooms(ctx).Load(id) : null);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
        Field<NonNullGraphType<BooleanGraphType>>("read").Resolve(ctx => ctx.Source.ReadAt is not null);
    }
}
