using Microsoft.Extensions.Options;

namespace Tributary.Rooms.Ice;

/// <summary>
/// Rejects ICE configuration a browser would refuse or that would hand out useless credentials, so a bad
/// deployment fails at start with the setting named instead of every call failing later.
/// </summary>
public sealed class IceOptionsValidator : IValidateOptions<RoomsOptions>, IValidateOptions<TurnOptions>
{
    /// <summary>Shortest accepted <see cref="TurnOptions.SharedSecret"/>.</summary>
    public const int MinSecretLength = 16;

    private static readonly string[] Schemes = ["stun:", "stuns:", "turn:", "turns:"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RoomsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.IceServers.Count; i++)
        {
            var server = options.IceServers[i];
            var key = $"{RoomsOptions.Section}:IceServers:{i}";
            if (server.Urls.Count == 0)
            {
                failures.Add($"{key}:Urls is empty: give at least one stun:, stuns:, turn: or turns: URL.");
            }

            foreach (var url in server.Urls)
            {
                if (!Schemes.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || url.Length <= url.IndexOf(':', StringComparison.Ordinal) + 1)
                {
                    failures.Add($"{key}:Urls '{url}' is not a stun:, stuns:, turn: or turns: URL.");
                }
                else if (url.StartsWith("turn", StringComparison.OrdinalIgnoreCase) && (string.IsNullOrEmpty(server.Username) || string.IsNullOrEmpty(server.Credential)))
                {
                    failures.Add($"{key}: TURN URL '{url}' needs Username and Credential (or use {TurnOptions.Section} for minted credentials).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var key = TurnOptions.Section;
        if (options.SharedSecret is { Length: > 0 } secret)
        {
            if (secret.Length < MinSecretLength || string.IsNullOrWhiteSpace(secret))
            {
                failures.Add($"{key}:SharedSecret is shorter than {MinSecretLength} characters (whoever knows it can mint TURN credentials).");
            }

            if (options.Urls.Count == 0)
            {
                failures.Add($"{key}:SharedSecret is set but {key}:Urls is empty: give the TURN URLs the credentials are for.");
            }
        }
        else if (options.Urls.Count > 0)
        {
            failures.Add($"{key}:Urls is set but {key}:SharedSecret is not: set coturn's static-auth-secret, or list a TURN server with fixed credentials under {RoomsOptions.Section}:IceServers.");
        }

        foreach (var url in options.Urls)
        {
            if (!(url.StartsWith("turn:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("turns:", StringComparison.OrdinalIgnoreCase)) || url.EndsWith(':'))
            {
                failures.Add($"{key}:Urls '{url}' is not a turn: or turns: URL.");
            }
        }

        if (options.CredentialLifetime < TimeSpan.FromMinutes(1) || options.CredentialLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"{key}:CredentialLifetime ({options.CredentialLifetime}) must be between 1 minute and 7 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
