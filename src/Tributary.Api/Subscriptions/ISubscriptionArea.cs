using GraphQL.Types;

namespace Tributary.Api.Subscriptions;

/// <summary>A feature area's fields of the <c>Subscription</c> root (the counterpart of <see cref="Schema.ISchemaArea"/>).</summary>
public interface ISubscriptionArea
{
    /// <summary>Adds fields to <c>Subscription</c>.</summary>
    void AddSubscriptionFields(ObjectGraphType subscription);
}
