using GraphQL.Types;
using Tributary.Api.Schema;
using Tributary.Studio.Destinations;
using Tributary.Studio.Pipeline;

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
        Field<NonNullGraphType<DestinationStateType>>("state").Resolve(ctx => Health(ctx).State);
        Field<NonNullGraphType<FloatGraphType>>("bitrateKbps").Description("Output bitrate of the current connection, kbit/s.").Resolve(ctx => Health(ctx).BitrateKbps);
        Field<NonNullGraphType<LongGraphType>>("droppedFrames").Description("Frames the relay dropped since goLive.").Resolve(ctx => Health(ctx).DroppedFrames);
        Field<FloatGraphType>("uptimeSeconds").Description("Seconds since the current connection went live; null when not live.").Resolve(ctx => Health(ctx).Uptime?.TotalSeconds);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Connection attempts since goLive (1 while the first connection holds).").Resolve(ctx => Health(ctx).Attempts);
    }

    private static DestinationHealth Health(GraphQL.IResolveFieldContext<StudioDestination> ctx) =>
        ctx.Service<StudioSessions>().Health(ctx.Source.StudioId, ctx.Source.Id);
}
