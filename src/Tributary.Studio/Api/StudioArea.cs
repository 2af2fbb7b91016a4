using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Tributary.Api.AppRooms;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Realtime;
using Tributary.Api.Schema;
using Tributary.Api.Subscriptions;
using Tributary.Studio.Destinations;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Api;

/// <summary>
/// The Studio area: createStudio, setScene, addDestination, removeDestination, goLive, endLive, studio(id) and
/// studioEvents(studioId). Users only; every operation is the room owner's (FORBIDDEN for others, NOT_FOUND for
/// unknown ids, BAD_USER_INPUT naming the argument for bad input — and then nothing is written or started).
/// </summary>
public sealed class StudioArea : ISchemaArea, ISubscriptionArea
{
    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<StudioType>("studio")
            .Description("Your studio, with each destination's live state.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => ctx.Reply(await OwnedAsync(ctx, ctx.GetArgument<string>("id"), "id")));
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<StudioType>("createStudio")
            .Description("Creates a studio for a room you own. NOT_FOUND for an unknown room, FORBIDDEN for another user's, BAD_USER_INPUT for an ended room or a P2P call.")
            .Argument<NonNullGraphType<IdGraphType>>("roomId")
            .ResolveAsync(async ctx =>
            {
                if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var room = await AppRoomsArea.VisibleRoomAsync(ctx, ctx.GetArgument<string>("roomId"), "roomId");
                if (room.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                return ctx.Reply(await ctx.Service<StudioService>().CreateAsync(me, room.Value!, ctx.CancellationToken));
            });
        mutation.Field<StudioType>("setScene")
            .Description("Sets the layout, the on-stage sources in order (publisher session ids or \"ingest\"), the banner title and a logo (PNG/JPEG fetched once, size-limited). Applied to a live program within a second, without dropping destinations.")
            .Argument<NonNullGraphType<IdGraphType>>("studioId")
            .Argument<NonNullGraphType<StudioLayoutType>>("layout")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("stage")
            .Argument<StringGraphType>("title")
            .Argument<StringGraphType>("logoUrl")
            .ResolveAsync(async ctx =>
            {
                var studio = await OwnedAsync(ctx, ctx.GetArgument<string>("studioId"), "studioId");
                if (studio.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                var scene = new StudioScene(
                    ctx.GetArgument<StudioLayout>("layout"),
                    ctx.GetArgument<List<string>>("stage") ?? [],
                    NullIfEmpty(ctx.GetArgument<string?>("title")),
                    NullIfEmpty(ctx.GetArgument<string?>("logoUrl")));
                return ctx.Reply(await ctx.Service<StudioService>().SetSceneAsync(studio.Value!, scene, ctx.CancellationToken));
            });
        mutation.Field<DestinationType>("addDestination")
            .Description("Adds an RTMP/RTMPS destination; the stream key is encrypted at rest and never returned. Starts pushing at once when live.")
            .Argument<NonNullGraphType<IdGraphType>>("studioId")
            .Argument<NonNullGraphType<DestinationKindType>>("kind")
            .Argument<NonNullGraphType<StringGraphType>>("url")
            .Argument<StringGraphType>("streamKey")
            .ResolveAsync(async ctx =>
            {
                var studio = await OwnedAsync(ctx, ctx.GetArgument<string>("studioId"), "studioId");
                if (studio.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                return ctx.Reply(await ctx.Service<StudioService>().AddDestinationAsync(
                    studio.Value!, ctx.GetArgument<DestinationKind>("kind"), ctx.GetArgument<string>("url"), ctx.GetArgument<string?>("streamKey"), ctx.CancellationToken));
            });
        mutation.Field<BooleanGraphType>("removeDestination")
            .Description("Removes a destination (its push stops at once).")
            .Argument<NonNullGraphType<IdGraphType>>("studioId")
            .Argument<NonNullGraphType<IdGraphType>>("destinationId")
            .ResolveAsync(async ctx =>
            {
                var studio = await OwnedAsync(ctx, ctx.GetArgument<string>("studioId"), "studioId");
                if (studio.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                return ctx.Reply(await ctx.Service<StudioService>().RemoveDestinationAsync(studio.Value!, ctx.GetArgument<string>("destinationId"), ctx.CancellationToken));
            });
        mutation.Field<StudioType>("goLive")
            .Description("Starts composing and pushing to every destination (webhook studio.live) on the least-loaded studio node. Idempotent. STUDIO_CAPACITY when no studio node has room (nothing is started).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var studio = await OwnedAsync(ctx, ctx.GetArgument<string>("id"), "id");
                if (studio.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                return ctx.Reply(await ctx.Service<StudioService>().GoLiveAsync(studio.Value!, ctx.CancellationToken));
            });
        mutation.Field<StudioType>("endLive")
            .Description("Stops the program and every push (webhook studio.ended). Idempotent.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var studio = await OwnedAsync(ctx, ctx.GetArgument<string>("id"), "id");
                if (studio.Error is { } error)
                {
                    return ctx.Reply(error);
                }

                return await ctx.Service<StudioService>().EndLiveAsync(studio.Value!, ctx.CancellationToken);
            });
    }

    /// <inheritdoc />
    public void AddSubscriptionFields(ObjectGraphType subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Field<StudioEventType>("studioEvents")
            .Description("Events of your studio: LIVE, SCENE_CHANGED, DESTINATION_STATE, MOVED (another studio node took it over), ENDED.")
            .Argument<NonNullGraphType<IdGraphType>>("studioId")
            .ResolveStreamAsync(async ctx =>
            {
                var studio = await OwnedAsync(ctx, ctx.GetArgument<string>("studioId"), "studioId");
                if (studio.Error is { } error)
                {
                    throw error.ToExecutionError();
                }

                var topic = await ctx.Service<TopicHub>().SubscribeAsync(StudioEventKinds.Topic(studio.Value!.Id), ctx.CancellationToken);
                var onSlow = ctx.UserContext.TryGetValue(SubscriptionsArea.SlowSubscriberCallbackKey, out var callback) ? callback as Action : null;
                return new TopicObservable<StudioEvent>(topic, e => JsonSerializer.Deserialize<StudioEvent>(e.Payload, JsonSerializerOptions.Web), onSlow);
            });
    }

    private static async Task<Outcome<StudioRecord>> OwnedAsync(IResolveFieldContext ctx, string? studioId, string field)
    {
        if (CallerRules.RequireUser(ctx.Caller(), out var me) is { } denied)
        {
            return denied;
        }

        if (EntityIds.Check(studioId, field) is { } bad)
        {
            return bad;
        }

        return await ctx.Service<StudioService>().OwnedAsync(me, studioId!, ctx.CancellationToken);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
