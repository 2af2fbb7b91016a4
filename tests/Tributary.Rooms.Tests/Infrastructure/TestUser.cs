namespace Tributary.Rooms.Tests.Infrastructure;

/// <summary>A user row in the host's database and an access token for it.</summary>
public sealed record TestUser(string Id, string Username, string Fullname, string? Avatar, string Token);
