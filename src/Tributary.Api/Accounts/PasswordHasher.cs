using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Tributary.Api.Accounts;

/// <summary>
/// Argon2id password hashes as PHC strings (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>), so the cost
/// can be raised later while old hashes still verify with their own parameters.
/// </summary>
public sealed class PasswordHasher(IOptions<AccountsOptions> options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes <paramref name="password"/> with the configured cost and a fresh salt.</summary>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var o = options.Value;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, o.Argon2MemoryKiB, o.Argon2Iterations, o.Argon2Parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={o.Argon2MemoryKiB},t={o.Argon2Iterations},p={o.Argon2Parallelism}${B64(salt)}${B64(hash)}");
    }

    /// <summary>True when <paramref name="password"/> matches the PHC string <paramref name="phc"/>.</summary>
    public static bool Verify(string password, string phc)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(phc);
        var parts = phc.Split('$');
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        int m = 0, t = 0, p = 0;
        foreach (var pair in parts[3].Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            switch (kv[0])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: return false;
            }
        }

        byte[] salt, expected;
        try
        {
            salt = FromB64(parts[4]);
            expected = FromB64(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (m < 8 || t < 1 || p < 1 || expected.Length == 0)
        {
            return false;
        }

        var actual = Compute(password, salt, m, t, p, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Compute(string password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
