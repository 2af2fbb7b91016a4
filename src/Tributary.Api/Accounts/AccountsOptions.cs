using System.ComponentModel.DataAnnotations;

namespace Tributary.Api.Accounts;

/// <summary>Section <c>Accounts</c>: sign-up rules, password hashing cost, sign-in rate limits, admins.</summary>
public sealed class AccountsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Accounts";

    /// <summary>
    /// Emails of administrators (may create API keys). Default empty: nobody. Compared after
    /// normalization (trimmed, lower case).
    /// </summary>
    public IList<string> AdminEmails { get; } = [];

    /// <summary>Shortest accepted password. Default 8, NIST SP 800-63B's minimum.</summary>
    [Range(6, 64)]
    public int PasswordMinLength { get; set; } = 8;

    /// <summary>Longest accepted password. Default 256: bounds the hashing input, far above any pass phrase.</summary>
    [Range(64, 4096)]
    public int PasswordMaxLength { get; set; } = 256;

    /// <summary>Argon2id memory in KiB. Default 19456 (19 MiB), OWASP's recommended minimum with 2 iterations.</summary>
    [Range(1024, 1024 * 1024)]
    public int Argon2MemoryKiB { get; set; } = 19456;

    /// <summary>Argon2id iterations. Default 2 (OWASP, with 19 MiB).</summary>
    [Range(1, 20)]
    public int Argon2Iterations { get; set; } = 2;

    /// <summary>Argon2id lanes. Default 1: the server handles many sign-ins at once, one core each.</summary>
    [Range(1, 16)]
    public int Argon2Parallelism { get; set; } = 1;

    /// <summary>
    /// signIn + signUp attempts allowed per client address per <see cref="RateLimitWindow"/>. Default 30:
    /// a family behind one NAT signing in on a few devices stays well under it; a password sprayer does not.
    /// </summary>
    [Range(1, 100_000)]
    public int AttemptsPerAddress { get; set; } = 30;

    /// <summary>
    /// signIn + signUp attempts allowed per account (normalized email or username) per
    /// <see cref="RateLimitWindow"/>. Default 10: enough for typos, too few to guess a password.
    /// </summary>
    [Range(1, 100_000)]
    public int AttemptsPerAccount { get; set; } = 10;

    /// <summary>The window the attempt budgets refill over (token bucket). Default 1 minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
