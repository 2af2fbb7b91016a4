using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Tributary.Api.Errors;
using Tributary.Data.Paging;

namespace Tributary.Api.Business;

/// <summary>The Relay arguments <c>first</c> and <c>after</c> of every list, validated.</summary>
/// <param name="First">How many items (1 to the list's maximum).</param>
/// <param name="After">A cursor from a previous page, or null.</param>
public readonly record struct PageArguments(int First, string? After)
{
    /// <summary>Default page size.</summary>
    public const int DefaultFirst = 20;

    /// <summary>Largest page any list serves.</summary>
    public const int MaxFirst = 100;

    /// <summary>Adds <c>first</c> and <c>after</c> to a field.</summary>
    public static FieldBuilder<TSource, TReturn> AddTo<TSource, TReturn>(FieldBuilder<TSource, TReturn> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field
            .Argument<IntGraphType>("first", $"Page size, 1 to {MaxFirst} (default {DefaultFirst}).", a => a.DefaultValue = DefaultFirst)
            .Argument<StringGraphType>("after", "The endCursor of the previous page.");
    }

    /// <summary>Reads and checks the arguments; BAD_USER_INPUT for a size out of range or a cursor we did not issue.</summary>
    public static Outcome<PageArguments> Read(IResolveFieldContext context, Func<string, bool>? isValidCursor = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var first = context.GetArgument("first", DefaultFirst);
        if (first is < 1 or > MaxFirst)
        {
            return ApiError.BadInput("first", $"'first' must be between 1 and {MaxFirst}.");
        }

        var after = context.GetArgument<string?>("after");
        if (after is not null && !(isValidCursor ?? (c => KeysetCursor.TryDecode(c, out _, out _)))(after))
        {
            return ApiError.BadInput("after", "'after' is not a cursor of this list.");
        }

        return Outcome<PageArguments>.Ok(new PageArguments(first, after));
    }
}
