using System.Net.Mail;
using System.Text.RegularExpressions;
using Tributary.Api.Errors;

namespace Tributary.Api.Accounts;

/// <summary>Validation and normalization of account fields; each failure is a BAD_USER_INPUT naming the field.</summary>
public static partial class AccountRules
{
    /// <summary>Longest email (RFC 5321 path limit).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>Username length bounds.</summary>
    public const int UsernameMinLength = 3, UsernameMaxLength = 30;

    /// <summary>Longest full name.</summary>
    public const int FullnameMaxLength = 100;

    /// <summary>Longest avatar URL.</summary>
    public const int AvatarUrlMaxLength = 2048;

    /// <summary>The stored form used for uniqueness: trimmed, lower case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The stored form used for case-insensitive uniqueness.</summary>
    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    /// <summary>The trimmed email, or why it is refused.</summary>
    public static Outcome<string> Email(string? email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return ApiError.BadInput("email", "Enter an email address.");
        }

        if (trimmed.Length > EmailMaxLength
            || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed
            || !EmailShape().IsMatch(trimmed))
        {
            return ApiError.BadInput("email", "This is not a valid email address.");
        }

        return Outcome<string>.Ok(trimmed);
    }

    /// <summary>The trimmed username, or why it is refused.</summary>
    public static Outcome<string> Username(string? username)
    {
        var trimmed = username?.Trim() ?? string.Empty;
        return trimmed.Length is < UsernameMinLength or > UsernameMaxLength || !UsernameShape().IsMatch(trimmed)
            ? ApiError.BadInput("username", $"A username has {UsernameMinLength} to {UsernameMaxLength} characters: letters, digits, '_' and '.', starting with a letter or digit.")
            : Outcome<string>.Ok(trimmed);
    }

    /// <summary>The password unchanged, or why it is refused.</summary>
    public static Outcome<string> Password(string? password, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (password is null || password.Length < options.PasswordMinLength)
        {
            return ApiError.BadInput("password", $"A password has at least {options.PasswordMinLength} characters.");
        }

        if (password.Length > options.PasswordMaxLength)
        {
            return ApiError.BadInput("password", $"A password has at most {options.PasswordMaxLength} characters.");
        }

        return string.IsNullOrWhiteSpace(password)
            ? ApiError.BadInput("password", "A password cannot be only spaces.")
            : Outcome<string>.Ok(password);
    }

    /// <summary>The trimmed full name, or why it is refused.</summary>
    public static Outcome<string> Fullname(string? fullname)
    {
        var trimmed = fullname?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return ApiError.BadInput("fullname", "Enter a name.");
        }

        return trimmed.Length > FullnameMaxLength || trimmed.Any(char.IsControl)
            ? ApiError.BadInput("fullname", $"A name has at most {FullnameMaxLength} characters and no control characters.")
            : Outcome<string>.Ok(trimmed);
    }

    /// <summary>The avatar URL (empty: remove it), or why it is refused.</summary>
    public static Outcome<string?> AvatarUrl(string? url)
    {
        var trimmed = url?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return Outcome<string?>.Ok(null);
        }

        return trimmed.Length <= AvatarUrlMaxLength
            && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? Outcome<string?>.Ok(trimmed)
            : ApiError.BadInput("avatarUrl", $"An avatar URL is an absolute http(s) URL of at most {AvatarUrlMaxLength} characters.");
    }

    // One '@', a dot in the domain, no spaces: MailAddress alone accepts "a@b" and display-name forms.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameShape();
}
