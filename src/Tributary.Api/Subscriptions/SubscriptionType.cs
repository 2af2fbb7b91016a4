using GraphQL.Types;

namespace Tributary.Api.Subscriptions;

/// <summary>The <c>Subscription</c> root: the fields of every <see cref="ISubscriptionArea"/>.</summary>
public sealed class SubscriptionType : ObjectGraphType
{
    /// <summary>Builds the type from the areas, in registration order.</summary>
    public SubscriptionType(IEnumerable<ISubscriptionArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Name = "Subscription";
        foreach (var area in areas)
        {
            area.AddSubscriptionFields(this);
        }
    }
}
