using GraphQL;
using GraphQL.Types;
using Tributary.Api.Accounts;
using Tributary.Api.Auth;
using Tributary.Api.Errors;
using Tributary.Api.Schema;

namespace Tributary.Api.ApiKeys;

/// <summary>API key administration: apiKeys, createApiKey, revokeApiKey (admins only).</summary>
public sealed class ApiKeysArea : ISchemaArea
{
    /// <summary>Longest key name.</summary>
    public const int NameMaxLength = 100;

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<ListGraphType<NonNullGraphType<ApiKeyType>>>("apiKeys")
            .Description("Every API key, newest first. Admins only.")
            .ResolveAsync(async ctx => await RequireAdminAsync(ctx) is { } denied
                ? ctx.Reply(denied)
                : await ctx.Service<ApiKeyStore>().ListAsync(ctx.CancellationToken));
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<CreatedApiKeyType>("createApiKey")
            .Description("Creates an API key with the given scopes. Admins only (Accounts:AdminEmails).")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes")
            .ResolveAsync(async ctx =>
            {
                if (await RequireAdminAsync(ctx) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                var name = ctx.GetArgument<string>("name").Trim();
                if (name.Length is 0 or > NameMaxLength)
                {
                    return ctx.Reply(ApiError.BadInput("name", $"A key name has 1 to {NameMaxLength} characters."));
                }

                var scopes = ctx.GetArgument<List<string>>("scopes");
                if (scopes.FirstOrDefault(s => !ApiKeyScopes.All.Contains(s)) is { } unknown)
                {
                    return ctx.Reply(ApiError.BadInput("scopes", $"Unknown scope '{unknown}'; known scopes: {string.Join(", ", ApiKeyScopes.All.Order(StringComparer.Ordinal))}."));
                }

                return await ctx.Service<ApiKeyStore>().CreateAsync(name, scopes.Distinct().ToList(), ctx.Caller().UserId!, ctx.CancellationToken);
            });
        mutation.Field<BooleanGraphType>("revokeApiKey")
            .Description("Revokes an API key at once. Admins only. NOT_FOUND when no live key has the id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (await RequireAdminAsync(ctx) is { } denied)
                {
                    return ctx.Reply(denied);
                }

                return await ctx.Service<ApiKeyStore>().RevokeAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)
                    ? true
                    : ctx.Reply(ApiError.NotFound("No live API key has this id."));
            });
    }

    private static async Task<ApiError?> RequireAdminAsync(IResolveFieldContext ctx)
    {
        var caller = ctx.Caller();
        if (caller.Kind != CallerKind.User)
        {
            return caller.Kind == CallerKind.ApiKey ? ApiError.Forbidden("API keys cannot manage API keys.") : ApiError.Unauthenticated();
        }

        var user = await ctx.Service<Users>().FindAsync(caller.UserId!, ctx.CancellationToken);
        return user is not null && ctx.Service<AccountService>().IsAdmin(user)
            ? null
            : ApiError.Forbidden("Only administrators manage API keys.");
    }
}
