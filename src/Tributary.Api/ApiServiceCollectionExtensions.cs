using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tributary.Api.Accounts;
using Tributary.Api.ApiKeys;
using Tributary.Api.Auth;
using Tributary.Api.Business;
using Tributary.Api.Errors;
using Tributary.Api.Http;
using Tributary.Api.Schema;
using Tributary.Auth;

namespace Tributary.Api;

/// <summary>Wires the <c>api</c> role: the GraphQL schema and its transports.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>The GraphQL endpoint path.</summary>
    public const string GraphQLPath = "/graphql";

    /// <summary>Registers the GraphQL schema and its services.</summary>
    public static IServiceCollection AddTributaryApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddTributarySchema(services, configuration);
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<SignInLimiter>();
        services.AddSingleton<Users>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ExternalUsers>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddTributaryBusiness(configuration);

        var tokens = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        var authentication = services.AddAuthentication();
        if (!string.IsNullOrWhiteSpace(tokens.ExternalAuthority))
        {
            authentication.AddJwtBearer(Authenticator.ExternalScheme, o =>
            {
                o.Authority = tokens.ExternalAuthority;
                o.RequireHttpsMetadata = tokens.ExternalRequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(tokens.ExternalAudience);
                o.TokenValidationParameters.ValidAudience = tokens.ExternalAudience;
                o.TokenValidationParameters.NameClaimType = "sub";
            });
        }

        return services;
    }

    /// <summary>
    /// Registers only the schema, its graph types and the executer (no database): enough to print the
    /// SDL (<c>tributary schema</c>) or execute against fakes.
    /// </summary>
    public static IServiceCollection AddTributarySchema(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISchemaArea, AccountsArea>();
        services.AddSingleton<ISchemaArea, ApiKeysArea>();
        services.AddSingleton<ISchemaArea, Fleet.FleetArea>();
        services.AddTributaryBusinessSchema();
        services.AddGraphQL(b => b
            .AddSchema<TributarySchema>()
            .AddGraphTypes(typeof(TributarySchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(sp =>
            {
                var api = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
                var development = sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
                return new ApiErrorInfoProvider(api.ExposeExceptionDetails ?? development);
            })
            // Also for cached documents: whether GET is allowed depends on the request, not the text.
            .AddValidationRule<HttpGetQueriesOnlyRule>(useForCachedDocuments: true)
            .ConfigureExecution<DocumentCache>()
            .AddComplexityAnalyzer((c, sp) =>
            {
                var api = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
                c.MaxDepth = api.MaxDepth;
                c.MaxComplexity = api.MaxComplexity;
                // Introspection lists are bounded by the schema, not by data: count each of their
                // fields once instead of 5 times per list level (which scores GraphiQL's query ~234000).
                var fallback = c.DefaultComplexityImpactDelegate;
                c.DefaultComplexityImpactDelegate = f =>
                    f.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || f.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                        ? new GraphQL.Validation.Complexity.FieldComplexityResult(1, 1)
                        : fallback(f);
            }));
        return services;
    }

    /// <summary>The schema in SDL, as committed in <c>src/Tributary.Api/schema.graphql</c>.</summary>
    public static string PrintSchema(IServiceProvider services)
    {
        var schema = services.GetRequiredService<ISchema>();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    /// <summary>Maps <c>/graphql</c> (HTTP; GET and POST, other methods answer 405).</summary>
    public static IEndpointRouteBuilder MapTributaryApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map(GraphQLPath, context => context.WebSockets.IsWebSocketRequest
            ? context.RequestServices.GetRequiredService<Subscriptions.GraphQLWebSocketEndpoint>().HandleAsync(context)
            : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        return endpoints;
    }
}
