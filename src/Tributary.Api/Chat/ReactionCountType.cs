using GraphQL.Types;

namespace Tributary.Api.Chat;

/// <summary>GraphQL <c>ReactionCount</c>.</summary>
public sealed class ReactionCountType : ObjectGraphType<ReactionCount>
{
    /// <summary>Defines the fields.</summary>
    public ReactionCountType()
    {
        Name = "ReactionCount";
        Field<NonNullGraphType<StringGraphType>>("emoji").Resolve(ctx => ctx.Source.Emoji);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(ctx => (int)ctx.Source.Count);
    }
}
