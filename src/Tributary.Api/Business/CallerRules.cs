using Tributary.Api.Auth;
using Tributary.Api.Errors;

namespace Tributary.Api.Business;

/// <summary>Who may call the app's operations: the checks every business resolver starts with.</summary>
public static class CallerRules
{
    /// <summary>API key scope: read users' follow lists and search users.</summary>
    public const string UsersReadScope = Accounts.AccountsArea.UsersReadScope;

    /// <summary>API key scope: read rooms, the live feed and room chat.</summary>
    public const string RoomsReadScope = "rooms:read";

    /// <summary>API key scope: manage webhooks.</summary>
    public const string WebhooksAdminScope = "webhooks:admin";

    /// <summary>
    /// The caller's user id, or the error for callers that are not a user: UNAUTHENTICATED for anonymous
    /// callers, FORBIDDEN for API keys (they act for no user, so "follow", "send", "my notifications" mean nothing).
    /// </summary>
    public static ApiError? RequireUser(ICurrentUser caller, out string userId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        userId = caller.UserId ?? string.Empty;
        return caller.Kind switch
        {
            CallerKind.User => null,
            CallerKind.ApiKey => ApiError.Forbidden("API keys act for no user; this needs a user's token."),
            _ => ApiError.Unauthenticated(),
        };
    }

    /// <summary>Null for users and for API keys holding <paramref name="scope"/>; otherwise the error.</summary>
    public static ApiError? RequireReader(ICurrentUser caller, string scope)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Kind switch
        {
            CallerKind.User => null,
            CallerKind.ApiKey when caller.HasScope(scope) => null,
            CallerKind.ApiKey => ApiError.Forbidden($"This API key lacks the scope `{scope}`."),
            _ => ApiError.Unauthenticated(),
        };
    }
}
