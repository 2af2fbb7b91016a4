using GraphQL.DataLoader;
using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Chat;
using Tributary.Api.Schema;
using Tributary.Api.Social;
using Tributary.Data.AppRooms;
using Tributary.Api.Batching;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>GraphQL <c>Room</c>: the stored room and, when the cluster knows it live, its members.</summary>
public sealed class AppRoomType : ObjectGraphType<AppRoom>
{
    /// <summary>Defines the fields.</summary>
    public AppRoomType()
    {
        Name = "Room";
        Description = "A room created through the API. Its id is the signaling room id (JOIN rid).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<RoomKindType>>("type").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.Title);
        Field<NonNullGraphType<RoomAccessType>>("access").Resolve(ctx => ctx.Source.Access);
        Field<UserType>("owner").Resolve(ctx => SocialLoaders.Users(ctx).Load(ctx.Source.OwnerId));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
        Field<DateTimeOffsetGraphType>("endedAt").Resolve(ctx => ctx.Source.EndedAt is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t) : null);
        Field<NonNullGraphType<BooleanGraphType>>("live")
            .Description("True while the room is open and the cluster has it live (someone joined through signaling).")
            .Resolve(ctx => AppRoomLoaders.Snapshots(ctx).Load(ctx.Source.Id, s => s is not null && ctx.Source.EndedAt is null));
        Field<NonNullGraphType<IntGraphType>>("viewerCount")
            .Description("Members who are not publishing, from the live room; 0 when not live.")
            .Resolve(ctx => AppRoomLoaders.Snapshots(ctx).Load(ctx.Source.Id, s => s is null ? 0 : Math.Max(0, s.MemberCount - s.PublisherUserIds.Count)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserType>>>>("publishers")
            .Description("Users publishing media in the live room; empty when not live.")
            .ResolveAsync(async ctx =>
            {
                var snapshot = await AppRoomLoaders.Snapshots(ctx).Load(ctx.Source.Id).GetResultAsync(ctx.CancellationToken);
                if (snapshot is null || snapshot.PublisherUserIds.Count == 0)
                {
                    return Array.Empty<UserRecord>();
                }

                var users = await ctx.Service<UserDirectory>().GetManyAsync(snapshot.PublisherUserIds, ctx.CancellationToken);
                return snapshot.PublisherUserIds.Select(users.GetValueOrDefault).OfType<UserRecord>().ToList();
            });
        Field<ListGraphType<NonNullGraphType<RoomStreamType>>>("streams")
            .Description("The room's owner only (null for anyone else): the publishing sessions of the live room, oldest first, with the session ids a studio's stage takes; empty when not live.")
            .Resolve(ctx => ctx.Caller().UserId != ctx.Source.OwnerId
                ? null
                : AppRoomLoaders.Snapshots(ctx).Load(ctx.Source.Id, s => s is null || ctx.Source.EndedAt is not null ? (IReadOnlyList<RoomStream>)[] : s.Streams));
        Field<StringGraphType>("hlsUrl")
            .Description("P2M only: the LL-HLS master playlist path, /live/<ownerId>/<roomId>/playlist.m3u8 (HLS-DATA-SIGNALS.md, with the room id as the broadcaster's playlist id).")
            .Resolve(ctx => ctx.Source.Kind == RoomKind.P2m ? HlsPath(ctx.Source) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionCountType>>>>("reactions")
            .Description("Reaction totals per emoji.")
            .Resolve(ctx => ctx.Batch<string, IReadOnlyList<ReactionCount>>("reactions", ctx.Service<ReactionTotals>().GetManyAsync).Load(ctx.Source.Id));
    }

    /// <summary>The playback path of a P2M room.</summary>
    public static string HlsPath(AppRoom room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return $"/live/{room.OwnerId}/{room.Id}/playlist.m3u8";
    }
}
