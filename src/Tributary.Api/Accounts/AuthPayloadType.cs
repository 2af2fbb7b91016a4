using GraphQL.Types;

namespace Tributary.Api.Accounts;

/// <summary>GraphQL <c>AuthPayload</c>.</summary>
public sealed class AuthPayloadType : ObjectGraphType<AuthPayload>
{
    /// <summary>Defines the fields.</summary>
    public AuthPayloadType()
    {
        Name = "AuthPayload";
        Description = "Tokens of a signed-in session.";
        Field<NonNullGraphType<StringGraphType>>("accessToken").Description("Send as `Authorization: Bearer <accessToken>`; short-lived.").Resolve(ctx => ctx.Source.AccessToken);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("accessTokenExpiresAt").Resolve(ctx => ctx.Source.AccessTokenExpiresAt);
        Field<NonNullGraphType<StringGraphType>>("refreshToken").Description("Single use: refreshToken returns its successor.").Resolve(ctx => ctx.Source.RefreshToken);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("refreshTokenExpiresAt").Resolve(ctx => ctx.Source.RefreshTokenExpiresAt);
        Field<NonNullGraphType<UserType>>("user").Resolve(ctx => ctx.Source.User);
    }
}
