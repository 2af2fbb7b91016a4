using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.AppRooms;
using Tributary.Api.Social;

namespace Tributary.Api.Subscriptions;

/// <summary>GraphQL <c>IncomingCall</c>: the room to JOIN and who calls.</summary>
public sealed class IncomingCallType : ObjectGraphType<IncomingCall>
{
    /// <summary>Defines the fields.</summary>
    public IncomingCallType()
    {
        Name = "IncomingCall";
        Field<NonNullGraphType<IdGraphType>>("roomId").Description("The P2P room id (signaling rid).").Resolve(ctx => ctx.Source.RoomId);
        Field<UserType>("caller").Resolve(ctx => SocialLoaders.Users(ctx).Load(ctx.Source.CallerId));
        Field<AppRoomType>("room").Resolve(ctx => AppRoomLoaders.Rooms(ctx).Load(ctx.Source.RoomId));
    }
}
