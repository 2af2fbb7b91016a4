using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Tributary.Api.Schema;

/// <summary>The Tributary GraphQL schema.</summary>
public sealed class TributarySchema : GraphQL.Types.Schema
{
    /// <summary>Builds the schema from the DI-registered graph types.</summary>
    public TributarySchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<QueryType>();
        Mutation = services.GetRequiredService<MutationType>();
        Subscription = services.GetService<Subscriptions.SubscriptionType>() is { Fields.Count: > 0 } subscription ? subscription : null;
        Description = "Tributary: accounts, and the API of the live social video app.";
    }
}
