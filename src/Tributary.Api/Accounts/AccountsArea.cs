using GraphQL;
using GraphQL.Types;
using Tributary.Api.Auth;
using Tributary.Api.Errors;
using Tributary.Api.Schema;

namespace Tributary.Api.Accounts;

/// <summary>The accounts part of the schema: me, user, signUp, signIn, refreshToken, signOut, updateProfile.</summary>
public sealed class AccountsArea : ISchemaArea
{
    /// <summary>The API key scope that allows reading user profiles.</summary>
    public const string UsersReadScope = "users:read";

    /// <inheritdoc />
    public void AddQueryFields(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<UserType>("me")
            .Description("The signed-in user. UNAUTHENTICATED without a user token.")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                if (caller.Kind != CallerKind.User)
                {
                    return ctx.Reply(caller.Kind == CallerKind.ApiKey
                        ? ApiError.Forbidden("API keys act for no user; `me` needs a user's token.")
                        : ApiError.Unauthenticated());
                }

                var user = await ctx.Service<Users>().FindAsync(caller.UserId!, ctx.CancellationToken);
                return user ?? ctx.Reply(ApiError.NotFound("The account no longer exists."));
            });
        query.Field<UserType>("user")
            .Description($"A user by id. Needs a user token or an API key with scope `{UsersReadScope}`.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                if (!caller.IsAuthenticated)
                {
                    return ctx.Reply(ApiError.Unauthenticated());
                }

                if (caller.Kind == CallerKind.ApiKey && !caller.HasScope(UsersReadScope))
                {
                    return ctx.Reply(ApiError.Forbidden($"This API key lacks the scope `{UsersReadScope}`."));
                }

                var user = await ctx.Service<Users>().FindAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken);
                return user ?? ctx.Reply(ApiError.NotFound("No user has this id."));
            });
    }

    /// <inheritdoc />
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<AuthPayloadType>("signUp")
            .Description("Creates an account and signs it in. BAD_USER_INPUT (extensions.field) for invalid or taken values; RATE_LIMITED.")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .Argument<NonNullGraphType<StringGraphType>>("username")
            .Argument<NonNullGraphType<StringGraphType>>("fullname")
            .ResolveAsync(async ctx => ctx.Reply(await ctx.Service<AccountService>().SignUpAsync(
                new SignUp(ctx.GetArgument<string>("email"), ctx.GetArgument<string>("password"), ctx.GetArgument<string>("username"), ctx.GetArgument<string>("fullname")),
                ctx.Caller().RemoteAddress,
                ctx.CancellationToken)));
        mutation.Field<AuthPayloadType>("signIn")
            .Description("Signs in with email or username. UNAUTHENTICATED for a wrong login or password; RATE_LIMITED.")
            .Argument<NonNullGraphType<StringGraphType>>("login", "Email or username.")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .ResolveAsync(async ctx => ctx.Reply(await ctx.Service<AccountService>().SignInAsync(
                ctx.GetArgument<string>("login"), ctx.GetArgument<string>("password"), ctx.Caller().RemoteAddress, ctx.CancellationToken)));
        mutation.Field<AuthPayloadType>("refreshToken")
            .Description("Trades a refresh token for new tokens; the old one is spent. Presenting a spent token revokes the whole sign-in (UNAUTHENTICATED).")
            .Argument<NonNullGraphType<StringGraphType>>("refreshToken")
            .ResolveAsync(async ctx => ctx.Reply(await ctx.Service<AccountService>().RefreshAsync(ctx.GetArgument<string>("refreshToken"), ctx.CancellationToken)));
        mutation.Field<BooleanGraphType>("signOut")
            .Description("Revokes the sign-in the refresh token belongs to (all its refresh tokens). Access tokens expire on their own.")
            .Argument<NonNullGraphType<StringGraphType>>("refreshToken")
            .ResolveAsync(async ctx => ctx.Reply(await ctx.Service<AccountService>().SignOutAsync(ctx.GetArgument<string>("refreshToken"), ctx.CancellationToken)));
        mutation.Field<UserType>("updateProfile")
            .Description("Changes the given fields of the signed-in user's profile; an empty avatarUrl removes it.")
            .Argument<StringGraphType>("username")
            .Argument<StringGraphType>("fullname")
            .Argument<StringGraphType>("avatarUrl")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                if (caller.Kind != CallerKind.User)
                {
                    return ctx.Reply(caller.Kind == CallerKind.ApiKey
                        ? ApiError.Forbidden("API keys act for no user; `updateProfile` needs a user's token.")
                        : ApiError.Unauthenticated());
                }

                return ctx.Reply(await ctx.Service<AccountService>().UpdateProfileAsync(
                    caller.UserId!,
                    new ProfileChange(ctx.GetArgument<string?>("username"), ctx.GetArgument<string?>("fullname"), ctx.GetArgument<string?>("avatarUrl")),
                    ctx.CancellationToken));
            });
    }
}
