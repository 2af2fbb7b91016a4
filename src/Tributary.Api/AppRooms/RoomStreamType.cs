using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Social;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>GraphQL <c>RoomStream</c>: one publishing session of a live room (seen by the room's owner).</summary>
public sealed class RoomStreamType : ObjectGraphType<RoomStream>
{
    /// <summary>Defines the fields.</summary>
    public RoomStreamType()
    {
        Name = "RoomStream";
        Description = "A publishing session of a live room: its session id is what a studio's stage lists.";
        Field<NonNullGraphType<IdGraphType>>("sessionId").Resolve(ctx => ctx.Source.SessionId);
        Field<UserType>("user").Resolve(ctx => SocialLoaders.Users(ctx).Load(ctx.Source.UserId));
        Field<StringGraphType>("host").Description("The client kind the session joined with (iOS, Android, Web, Web_Studio, …).").Resolve(ctx => ctx.Source.Host);
        Field<StringGraphType>("category").Description("stream or screenshare.").Resolve(ctx => ctx.Source.Category);
        Field<NonNullGraphType<BooleanGraphType>>("video").Resolve(ctx => ctx.Source.Video);
        Field<NonNullGraphType<BooleanGraphType>>("audio").Resolve(ctx => ctx.Source.Audio);
        Field<NonNullGraphType<BooleanGraphType>>("publishing").Description("Its media uplink is live.").Resolve(ctx => ctx.Source.Publishing);
    }
}
