using GraphQL.Types;
using Tributary.Api.Schema;
using Tributary.Studio.Destinations;
using Tributary.Studio.Placement;

namespace Tributary.Studio.Api;

/// <summary>GraphQL <c>StudioDestination</c>: never carries the stream key.</summary>
public sealed class DestinationType : ObjectGraphType<StudioDestination>
{
    /// <summary>Defines the fields.</summary>
    public DestinationType()
    {
        Name = "StudioDestination";
        Description = "An RTMP/RTMPS destination of a studio. The stream key is stored encrypted and never returned.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<DestinationKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("url").Description("The ingest URL, without the key.").Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<DestinationStateType>>("state").ResolveAsync(async ctx => (await Health(ctx)).State);
        Field<NonNullGraphType<FloatGraphType>>("bitrateKbps").Description("Output bitrate of the current connection, kbit/s.").ResolveAsync(async ctx => (await Health(ctx)).BitrateKbps);
        Field<NonNullGraphType<LongGraphType>>("droppedFrames").Description("Frames the relay dropped since goLive.").ResolveAsync(async ctx => (await Health(ctx)).DroppedFrames);
        Field<FloatGraphType>("uptimeSeconds").Description("Seconds since the current connection went live; null when not live.").ResolveAsync(async ctx => (await Health(ctx)).Uptime?.TotalSeconds);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Connection attempts since goLive (1 while the first connection holds).").ResolveAsync(async ctx => (await Health(ctx)).Attempts);
    }

    // From the node running the studio, once per request (see StudioRouter.StatusAsync).
    private static async Task<DestinationHealth> Health(GraphQL.IResolveFieldContext<StudioDestination> ctx) =>
        (await ctx.Service<StudioRouter>().StatusAsync(ctx.Source.StudioId, ctx.UserContext))?.Destinations.GetValueOrDefault(ctx.Source.Id) ?? DestinationHealth.Offline;
}
