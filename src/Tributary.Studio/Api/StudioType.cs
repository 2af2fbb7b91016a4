using GraphQL.Types;
using Tributary.Api.Schema;
using Tributary.Studio.Placement;
using Tributary.Studio.Storage;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Api;

/// <summary>GraphQL <c>Studio</c> (seen by its owner only).</summary>
public sealed class StudioType : ObjectGraphType<StudioRecord>
{
    /// <summary>Defines the fields.</summary>
    public StudioType()
    {
        Name = "Studio";
        Description = "A room composed into one program and pushed to RTMP destinations.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("roomId").Resolve(ctx => ctx.Source.RoomId);
        Field<NonNullGraphType<StudioLayoutType>>("layout").Resolve(ctx => ctx.Source.Scene.Layout);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("stage")
            .Description("On-stage sources in slot order: publisher session ids, or \"ingest\".")
            .Resolve(ctx => ctx.Source.Scene.Stage);
        Field<StringGraphType>("title").Description("The banner text.").Resolve(ctx => ctx.Source.Scene.Title);
        Field<StringGraphType>("logoUrl").Description("Where the logo was fetched from.").Resolve(ctx => ctx.Source.Scene.LogoUrl);
        Field<NonNullGraphType<BooleanGraphType>>("live")
            .Description("True while the program runs on a studio node that answers.")
            .ResolveAsync(async ctx => await Status(ctx) is not null);
        Field<DateTimeOffsetGraphType>("liveSince").Resolve(ctx => ctx.Source.LiveSince is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t) : null);
        Field<StringGraphType>("ingestUrl")
            .Description("While live: the SRT URL (with the studio's secret passphrase) an external encoder pushes MPEG-TS to; put \"ingest\" on stage to show it.")
            .ResolveAsync(async ctx => (await Status(ctx))?.IngestUrl);
        Field<StringGraphType>("rtmpIngestUrl")
            .Description("While live: the RTMP URL an external encoder (OBS: server rtmp://host:port/ingest, stream key the last path segment) pushes to; a wrong key is refused. Null when the node has no nginx-rtmp.")
            .ResolveAsync(async ctx => (await Status(ctx))?.RtmpIngestUrl);
        Field<StringGraphType>("hlsUrl")
            .Description("While live: the program's LL-HLS master playlist path (/live/<studioId>/<roomId>/playlist.m3u8) for a p2m audience.")
            .ResolveAsync(async ctx => (await Status(ctx))?.HlsPath);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DestinationType>>>>("destinations")
            .Description("Destinations with their live state, oldest first.")
            .ResolveAsync(async ctx =>
            {
                // Asked first, so each destination's health comes from the same answer of the studio's node.
                _ = Status(ctx);
                return await ctx.Service<StudioStore>().DestinationsAsync(ctx.Source.Id, ctx.CancellationToken);
            });
    }

    private static Task<StudioLiveStatus?> Status(GraphQL.IResolveFieldContext<StudioRecord> ctx) =>
        ctx.Service<StudioRouter>().StatusAsync(ctx.Source, ctx.UserContext);
}
