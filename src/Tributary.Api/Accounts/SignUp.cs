namespace Tributary.Api.Accounts;

/// <summary>The arguments of <c>signUp</c>, as sent.</summary>
public sealed record SignUp(string? Email, string? Password, string? Username, string? Fullname);
