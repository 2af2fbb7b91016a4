using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Tributary.Api.Errors;

namespace Tributary.Api.Accounts;

/// <summary>
/// Token buckets for signIn/signUp attempts, one per client address and one per account, so neither a
/// single address nor a distributed guesser aiming at one account gets far. In-process: each api node
/// limits on its own (the limits are per node).
/// </summary>
public sealed class SignInLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    /// <summary>Creates the buckets from <see cref="AccountsOptions"/>.</summary>
    public SignInLimiter(IOptions<AccountsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _perAddress = Create(o.AttemptsPerAddress, o.RateLimitWindow);
        _perAccount = Create(o.AttemptsPerAccount, o.RateLimitWindow);
    }

    /// <summary>Takes one attempt from both buckets; a RATE_LIMITED error when either is empty.</summary>
    public ApiError? TryAttempt(string address, string account)
    {
        using var byAddress = _perAddress.AttemptAcquire(address);
        if (!byAddress.IsAcquired)
        {
            return Limited(byAddress, "Too many attempts from this address; wait and try again.");
        }

        using var byAccount = _perAccount.AttemptAcquire(account);
        return byAccount.IsAcquired ? null : Limited(byAccount, "Too many attempts for this account; wait and try again.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }

    private static ApiError Limited(RateLimitLease lease, string message) =>
        new(ErrorCodes.RateLimited, message, RetryAfter: lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(1));

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
