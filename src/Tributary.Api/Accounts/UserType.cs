using GraphQL.Types;
using Tributary.Api.Schema;

namespace Tributary.Api.Accounts;

/// <summary>GraphQL <c>User</c>: the public profile; <c>email</c> only to the user themself.</summary>
public sealed class UserType : ObjectGraphType<UserRecord>
{
    /// <summary>Defines the fields.</summary>
    public UserType()
    {
        Name = "User";
        Description = "A member of Tributary.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("username").Description("Unique, case-insensitively.").Resolve(ctx => ctx.Source.Username);
        Field<NonNullGraphType<StringGraphType>>("fullname").Resolve(ctx => ctx.Source.Fullname);
        Field<StringGraphType>("avatarUrl").Resolve(ctx => ctx.Source.AvatarUrl);
        Field<StringGraphType>("email")
            .Description("Only visible to the user themself (and in their own AuthPayload); null for everyone else.")
            .Resolve(ctx => ctx.Caller().UserId == ctx.Source.Id || ctx.Parent?.Source is AuthPayload ? ctx.Source.Email : null);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => DateTimeOffset.FromUnixTimeMilliseconds(ctx.Source.CreatedAt));
        Social.SocialUserFields.AddTo(this);
    }
}
