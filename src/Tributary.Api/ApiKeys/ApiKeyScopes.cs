using Tributary.Api.Accounts;

namespace Tributary.Api.ApiKeys;

/// <summary>The scopes an API key may carry. Areas that authorize API keys add theirs here.</summary>
public static class ApiKeyScopes
{
    /// <summary>Every known scope.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        AccountsArea.UsersReadScope,
        Business.CallerRules.RoomsReadScope,
        Business.CallerRules.WebhooksAdminScope,
        Fleet.FleetArea.FleetAdminScope,
    };
}
