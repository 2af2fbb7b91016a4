using GraphQL.Types;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Api;

/// <summary>GraphQL <c>StudioEvent</c>.</summary>
public sealed class StudioEventType : ObjectGraphType<StudioEvent>
{
    /// <summary>Defines the fields.</summary>
    public StudioEventType()
    {
        Name = "StudioEvent";
        Description = "Something happened to a studio: LIVE, SCENE_CHANGED, DESTINATION_STATE, MOVED (re-placed on another studio node), ENDED.";
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("studioId").Resolve(ctx => ctx.Source.StudioId);
        Field<IdGraphType>("destinationId").Resolve(ctx => ctx.Source.DestinationId);
        Field<DestinationStateType>("state").Resolve(ctx => ctx.Source.State);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.At));
    }
}
